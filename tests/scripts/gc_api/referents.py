# gc.get_referents(*objs): what each GC-capable argument refers to directly.
import gc

print(sorted(gc.get_referents([1, 2, 3])))
print(sorted(gc.get_referents([1, 2], (3, 4))))
print(gc.get_referents(1, "s", 2.5, None))
print(gc.get_referents())
print(gc.get_referents(int))
d = {1: "x"}
print(sorted(map(str, gc.get_referents(d))))
inner = []
print(gc.get_referents([inner])[0] is inner)
print(len(gc.get_referents(set())), len(gc.get_referents([])))


class A:
    pass


a = A()
a.x = 1
# Ouroboros keeps a real instance __dict__ (CPython 3.10's model): the referents of an
# instance are [its __dict__, its class], as 3.10 prints. CPython 3.11 gives the attribute
# values then the class, so its last line is "False True"; the .out has 3.10's lines.
refs = gc.get_referents(a)
print(len(refs))
print(refs[0] is a.__dict__, refs[-1] is A)
