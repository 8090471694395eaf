a = list(range(10))
print(a[2:5], a[::3], a[::-1], a[-2:])
a[2:5] = ["x", "y"]
print(a)
a[:2] = []
print(a)
a[1:1] = [100, 200, 300]
print(a)
del a[::2]
print(a)
b = [0] * 6
b[::2] = [1, 1, 1]
print(b)
try:
    b[::2] = [9]
except ValueError as e:
    print("ValueError:", e)
c = a[:]
c.append("copy")
print(len(a), len(c), c is a)
