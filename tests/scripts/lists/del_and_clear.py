a = list(range(8))
del a[0]
print(a)
del a[-1]
print(a)
del a[1:3]
print(a)
a.clear()
print(a, len(a))
b = [1, 2, 3]
del b[:]
print(b)
