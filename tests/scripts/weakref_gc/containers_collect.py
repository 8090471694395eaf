# Weak containers emptied by the collector (gc-reference §4.6): entries whose referents
# die in a cycle vanish at the collection; iterating while a collection removes entries
# is safe (removals are deferred until the iteration ends). (Not len() inside the loop:
# CPython's WeakValueDictionary.__len__ commits the deferred removals and the iteration
# then fails with "dictionary changed size during iteration".)
import gc
import weakref
gc.disable()
class Item:
    def __init__(self, name):
        self.name = name
        self.me = self  # a self-cycle: only the collector frees it
    def __repr__(self):
        return "Item(%s)" % self.name
def make(n):
    return [Item("i%d" % i) for i in range(n)]
# WeakValueDictionary: drop half of the values in the middle of an iteration.
items = make(6)
wvd = weakref.WeakValueDictionary((it.name, it) for it in items)
seen = []
for key in wvd.keys():
    seen.append(key)
    if len(seen) == 2:
        del items[3:]
        print("collect during iteration:", gc.collect() > 0)
print("iterated:", seen)
print("after:", sorted(wvd.keys()), len(wvd))
# values(), items() after more deaths
del items[1]
gc.collect()
print("values:", sorted(v.name for v in wvd.values()), sorted(k for k, v in wvd.items()))
# WeakKeyDictionary: keys in cycles
items = make(4)
wkd = weakref.WeakKeyDictionary()
for i, it in enumerate(items):
    wkd[it] = i * 10
del it  # the loop variable would keep the last item alive
seen = []
for key, value in wkd.items():
    seen.append(value)
    if len(seen) == 1:
        del items[2:]
        gc.collect()
del key, value
print("wkd iterated:", sorted(seen), "| after:", sorted(wkd.values()), len(wkd))
# WeakSet
items = make(5)
ws = weakref.WeakSet(items)
print("weakset:", len(ws), Item("x") in ws, items[0] in ws)
del items[::2]
gc.collect()
print("weakset after:", len(ws), sorted(x.name for x in ws))
items = None
gc.collect()
print("all gone:", len(wvd), len(wkd), len(ws), list(wvd), list(wkd), list(ws))
gc.enable()
