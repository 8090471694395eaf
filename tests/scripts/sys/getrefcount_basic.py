import sys
class Obj:
    pass
x = Obj()
print(sys.getrefcount(x))
y = x
print(sys.getrefcount(x))
lst = [x, x]
print(sys.getrefcount(x))
del y
print(sys.getrefcount(x))
lst.pop()
print(sys.getrefcount(x))
lst.clear()
print(sys.getrefcount(x))
