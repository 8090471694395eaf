# The _weakref module: its names, getweakrefcount/getweakrefs, _remove_dead_weakref.
import _weakref
from _weakref import ref

print(sorted(n for n in dir(_weakref) if not n.startswith("__")))
print(_weakref.__name__, _weakref.ReferenceType is ref)

class C:
    pass

c = C()
print(_weakref.getweakrefcount(c), _weakref.getweakrefs(c))
r1 = ref(c)
r2 = ref(c, print)
p = _weakref.proxy(c)
print(_weakref.getweakrefcount(c), [type(w).__name__ for w in _weakref.getweakrefs(c)])
print(_weakref.getweakrefcount(1), _weakref.getweakrefs([]))
d = {"alive": r1, "dead": ref(C()), "other": 5}
_weakref._remove_dead_weakref(d, "dead")
_weakref._remove_dead_weakref(d, "alive")
_weakref._remove_dead_weakref(d, "missing")
print(sorted(d))
def attempt(f):
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
attempt(lambda: _weakref._remove_dead_weakref(d, "other"))
attempt(lambda: _weakref._remove_dead_weakref(1, 2))
attempt(lambda: _weakref._remove_dead_weakref({}))
attempt(lambda: _weakref.getweakrefcount())
attempt(lambda: _weakref.getweakrefcount(1, 2))
attempt(lambda: _weakref.getweakrefs())
attempt(lambda: _weakref.getweakrefs(c, c))
del r2, p
