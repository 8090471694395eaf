d = {}
for k in ["zeta", "alpha", "mid", "beta"]:
    d[k] = len(k)
print(d)
print(list(d))
d["alpha"] = 99
print(list(d))
del d["zeta"]
d["zeta"] = 0
print(list(d.items()))
d2 = dict.fromkeys("cab", 0)
print(d2)
