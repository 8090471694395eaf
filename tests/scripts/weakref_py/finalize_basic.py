# weakref.finalize: runs once (by death or by call), alive/peek/detach/atexit, reprs,
# argument errors, and finalizers instead of __del__ on objects in cycles.
import gc
import weakref


class Res:
    def __init__(self, name):
        self.name = name


def close(name, mode="r", **kw):
    print("close", name, mode, sorted(kw.items()))
    return "closed " + name


r = Res("r1")
f = weakref.finalize(r, close, "r1", mode="w", extra=1)
print(f.alive, f.atexit, f.peek()[0] is r, f.peek()[1:])
print(repr(f).startswith("<finalize object at 0x"), "; for 'Res' at 0x" in repr(f))
del r
print(f.alive, f.peek(), f.detach(), f(), repr(f).endswith("; dead>"))

r = Res("r2")
f = weakref.finalize(r, close, "r2")
print(f(), f(), f.alive)
del r
print("nothing more")

r = Res("r3")
f = weakref.finalize(r, close, "r3")
obj, func, args, kwargs = f.detach()
print(obj is r, func is close, args, kwargs, f.alive, f.detach(), f.peek())
del r, obj
print("detached: not called")

r = Res("r4")
f = weakref.finalize(r, close, "r4")
f.atexit = False
print(f.atexit)
f.atexit = 1
print(f.atexit)
f()
f.atexit = True
print(f.atexit)
del r

for args in ((), (Res("x"),), (1, close), ([], close)):
    try:
        weakref.finalize(*args)
    except TypeError as e:
        print("TypeError", e)

# A cycle cleaned up by finalize instead of __del__.
class Node:
    pass


a, b = Node(), Node()
a.other, b.other = b, a
weakref.finalize(a, close, "cycle-a")
weakref.finalize(b, close, "cycle-b")
del a, b
gc.collect()
print("collected")

# The finalizer's return value reaches an explicit caller only.
r = Res("r5")
f = weakref.finalize(r, len, [1, 2, 3])
print(f(), f())
del r
print(f.alive, len([x for x in (f,) if x.alive]))
