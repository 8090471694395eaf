print(hash(0), hash(1), hash(-1), hash(-2), hash(12345))
print(hash(1) == hash(1.0) == hash(True))
print(hash(2**70) == hash(float(2**70)))
print(hash(0.5) == hash(0.5), hash(3.0) == hash(3))
print({1: "int"}[1.0], {True: "bool"}[1])
d = {}
d[1] = "a"; d[1.0] = "b"; d[True] = "c"
print(d)
