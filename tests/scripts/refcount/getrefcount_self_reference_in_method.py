import sys
class Obj:
    def count(self):
        return sys.getrefcount(self)
o = Obj()
print(sys.getrefcount(o), o.count())
d = {"o": o}
print(o.count())
