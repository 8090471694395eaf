import sys
class Obj:
    def __del__(self):
        print("Obj freed")
o = Obj()
print(sys.getrefcount(o))
refs = [o]
print(sys.getrefcount(o))
refs.append(o)
print(sys.getrefcount(o))
refs = None
print(sys.getrefcount(o))
del o
print("end")
