a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b, a is c, a is not b)
print(None is None, type(None) is type(None))
x = None
print(x is None, x is not None)
