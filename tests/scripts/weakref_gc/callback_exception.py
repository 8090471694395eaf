# Exceptions in weakref callbacks (gc-reference §3.4, §4.4, §10 item 18): each is reported
# as "Exception ignored in: <the callback>" plus a traceback on stderr, never propagates, and
# the other callbacks still run; on the refcount path and in the collector alike. An
# exception being handled around the death is preserved. A raising __del__ is reported and
# the object's weakref callbacks still run. Markers go to stderr too, to show the order.
# The count is CPython 3.10's (Ouroboros keeps instance dicts): 2 for `o.me = o` (3.11: 1).
import gc
import sys
import weakref
gc.disable()
class Obj:
    pass
def say(msg):
    print(msg)
    print(msg, file=sys.stderr)
def fail(msg):
    raise ValueError(msg)
def good(r):
    say("good callback ran")
def bad(r):
    raise KeyError("bad callback")
o = Obj()
w1 = weakref.ref(o, good)
w2 = weakref.ref(o, bad)
w3 = weakref.ref(o, lambda r:
    fail("lambda callback")
)
w4 = weakref.ref(o, good)
say("refcount path")
del o
say("collector path")
o = Obj()
o.me = o
w1 = weakref.ref(o, good)
w2 = weakref.ref(o, bad)
del o
print("collect:", gc.collect())
say("inside an except block")
o = Obj()
w1 = weakref.ref(o, bad)
try:
    raise IndexError("outer")
except IndexError:
    del o
    print("still handling:", repr(sys.exc_info()[1]))
say("a raising __del__, then the callback")
class BadDel:
    def __del__(self):
        raise RuntimeError("bad del")
b = BadDel()
w1 = weakref.ref(b, good)
del b
say("end")
gc.enable()
