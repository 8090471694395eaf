# Collection counts that involve class instances. Ouroboros keeps every instance's
# attributes in a real, separately tracked __dict__, as CPython 3.10 did, so each instance
# in a cycle is two objects: the .out holds CPython 3.10's numbers (4, 2, 6, 4); CPython
# 3.11 prints 2, 1, 3, 2 (its attributes are inline values).
import gc
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()


class A:
    pass


class WithDel:
    def __del__(self):
        print("WithDel.__del__")


gc.collect()
a = A()
b = A()
a.other = b
b.other = a
del a, b
print(gc.collect())

s = A()
s.me = s
del s
print(gc.collect())

w = WithDel()
w.me = w
x = A()
y = A()
x.y = y
y.x = x
del w, x, y
print(gc.collect())

gc.set_debug(gc.DEBUG_SAVEALL)
p = A()
q = A()
p.q = q
q.p = p
del p, q
print(gc.collect())
gc.set_debug(0)
for o in gc.garbage:
    if type(o) is A:
        o.__dict__.clear()
gc.garbage.clear()
print(gc.collect())
