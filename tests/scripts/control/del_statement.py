x = 1
y = [1, 2, 3]
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
del y[0], y[0]
print(y)
a = b = 5
del a, b
print("a" in globals(), "b" in globals())
