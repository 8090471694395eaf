# A dead proxy raises ReferenceError for every use; its repr still works.
from _weakref import proxy, getweakrefcount

class V:
    v = 1
    def __len__(self): return 1

calls = []
t = V()
tp = proxy(t, lambda w: calls.append(type(w).__name__))
tp2 = proxy(t)
print(tp is tp2, tp == tp2, getweakrefcount(t))
print(repr(tp2).startswith("<weakproxy at 0x"), " to V at 0x" in repr(tp2))
del t
print(calls)
print(repr(tp).startswith("<weakproxy at 0x"), " to NoneType at 0x" in repr(tp))
def use(label, f):
    try:
        print(label, "->", f())
    except ReferenceError as e:
        print(label, "ReferenceError:", e)
    except TypeError as e:
        print(label, "TypeError:", e)
use("attr", lambda: tp.v)
use("setattr", lambda: setattr(tp, "v", 1))
use("delattr", lambda: delattr(tp, "v"))
use("bool", lambda: bool(tp))
use("str", lambda: str(tp))
use("add", lambda: tp + 1)
use("radd", lambda: 1 + tp)
use("len", lambda: len(tp))
use("getitem", lambda: tp[0])
use("setitem", lambda: tp.__setitem__(0, 1))
use("contains", lambda: 1 in tp)
use("iter", lambda: iter(tp))
use("eq", lambda: tp == 1)
use("lt", lambda: 1 < tp)
use("neg", lambda: -tp)
use("int", lambda: int(tp))
use("hash", lambda: hash(tp))
def g():
    pass
cp = proxy(g)
del g
use("call", lambda: cp())
use("callable repr", lambda: repr(cp).startswith("<weakproxy at 0x"))
