a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), a is b, a is c)
print(type(id(a)).__name__)
x = object()
y = x
print(id(x) == id(y))
