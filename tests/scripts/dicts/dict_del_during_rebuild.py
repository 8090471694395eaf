d = {i: i * i for i in range(10)}
for k in list(d):
    if k % 3:
        del d[k]
print(d)
for i in range(100):
    d[i] = i
for i in range(95):
    del d[i]
print(d, len(d))
