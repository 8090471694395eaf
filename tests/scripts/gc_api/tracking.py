# gc.is_tracked and gc.is_finalized.
import gc
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()


class A:
    pass


class Slots:
    __slots__ = ()


def f():
    pass


print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(1.5), gc.is_tracked(None))
print(gc.is_tracked(True), gc.is_tracked(2**100), gc.is_tracked(object()))
print(gc.is_tracked([]), gc.is_tracked(set()), gc.is_tracked(A()), gc.is_tracked(Slots()))
print(gc.is_tracked(f), gc.is_tracked(lambda: 0), gc.is_tracked(A), gc.is_tracked(gc))
print(gc.is_tracked(()), gc.is_tracked(([],)), gc.is_tracked(int))
print(gc.is_tracked({}), gc.is_tracked({1: 2}), gc.is_tracked({1: []}))
t = (1, 2)
gc.collect()
print(gc.is_tracked(t))

print(gc.is_finalized(1), gc.is_finalized([]), gc.is_finalized(A()), gc.is_finalized(int))

saved = []


class Phoenix:
    def __del__(self):
        print("Phoenix.__del__")
        saved.append(self)


p = Phoenix()
print(gc.is_finalized(p))
p.__del__()
print(gc.is_finalized(p))
saved.clear()
del p
print(len(saved), gc.is_finalized(saved[0]))
q = saved.pop()
del q
print(len(saved))

# The collector's path: a cycle whose __del__ resurrects it.
r = Phoenix()
r.me = r
del r
gc.collect()
print(len(saved), gc.is_finalized(saved[0]))
saved[0].me = None
saved.clear()
print(gc.collect(), len(saved))
