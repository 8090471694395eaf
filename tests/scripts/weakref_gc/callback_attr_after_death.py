# __callback__ of a weakref whose referent died (CPython 3.11 quirk, observed): on the
# refcount path the callback is dropped before it is called (None inside and after); in
# the collector it is kept (handle_weakrefs calls it without clearing wr_callback), and
# stays until the weakref itself dies.
# The last count is CPython 3.10's (Ouroboros keeps instance dicts): 3.11 says 1 for the
# cycle `o.me = o` (the instance only), 3.10 says 2.
import gc
import weakref
gc.disable()
class O:
    pass
def cb(r):
    print("callback: __callback__ is cb:", r.__callback__ is cb)
o = O()
r = weakref.ref(o, cb)
print("alive: __callback__ is cb:", r.__callback__ is cb)
del o
print("refcount path, after:", r.__callback__)
o = O()
o.me = o
r2 = weakref.ref(o, cb)
del o
print("collect:", gc.collect())
print("collector path, after: __callback__ is cb:", r2.__callback__ is cb)
print("plain ref:", weakref.ref(O()).__callback__)
gc.enable()
