# Proxies in the collector (gc-reference §4.3, §3.3): a proxy to garbage is cleared with
# the weakrefs, before __del__, and its callback (which receives the proxy) runs then.
# A dead proxy raises ReferenceError, also inside a __del__ that uses it.
import gc
import weakref
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        try:
            print("__del__", self.name, "| via proxy:", proxies[self.name].name)
        except ReferenceError as e:
            print("__del__", self.name, "| ReferenceError:", e)
def cb(p):
    print("proxy callback, same proxy:", p is proxies["a"])
proxies = {}
a = Node("a")
a.me = a
proxies["a"] = weakref.proxy(a, cb)
r = Node("r")
proxies["r"] = weakref.proxy(r)
print("alive:", proxies["a"].name, proxies["a"] == a, weakref.getweakrefcount(a))
del a
gc.collect()
try:
    proxies["a"].name
except ReferenceError as e:
    print("dead proxy:", e)
try:
    bool(proxies["a"])
except ReferenceError as e:
    print("bool:", e)
print("repr:", repr(proxies["a"]).split(" to ")[1].split(" at ")[0])
del r
print("end")
gc.enable()
