# Lesson 002, shouldGoAway(): keep a weak reference to an object that should go away soon,
# check it later, and when it survived, use gc.get_referrers() to find out who holds it.
# The seed lost the tool's code; this follows its description. The one-second
# threading.Timer is replaced by an explicit check_pending() call and the GraphViz dump by
# a printed list of the module globals that hold the object. Also the post's caveat: lists,
# tuples and the like cannot be weakly referenced.
# The self-cycle is held by "its own __dict__" in CPython 3.10 and Ouroboros (a real instance
# dict); CPython 3.11 keeps attributes inline and reports the instance "itself".
import gc
import weakref
pending = []
def shouldGoAway(obj, name):
    pending.append((weakref.ref(obj), name))
def global_names(obj):
    names = []
    for r in gc.get_referrers(obj):
        if isinstance(r, dict):
            names += [k for k, v in r.items() if v is obj and r is globals()]
            names += ["%s[%r]" % (g, k) for g, d in globals().items() if d is r
                      for k, v in r.items() if v is obj]
            if r is getattr(obj, "__dict__", None):
                names.append("its own __dict__")
        elif r is obj:
            names.append("itself")
        elif isinstance(r, list):
            names += ["%s[%d]" % (g, r.index(obj)) for g, l in globals().items() if l is r]
    return sorted(names)
def check_pending(): # what the Timer ran one second later
    for ref, name in pending:
        obj = ref()
        if obj is None:
            print(name, "went away")
        else:
            print(name, "did NOT go away; held by", global_names(obj))
        del obj
    pending.clear()
class DataStructure:
    def __init__(self, items):
        self.items = items
        self.parent = None
cache = {}
history = []
def get_data(kind):
    data = DataStructure([1, 2, 3])
    if kind == "cached":
        cache["current"] = data
    elif kind == "logged":
        history.append(data)
    elif kind == "cycle":
        data.parent = data
    return data
def compute(kind):
    data_structure = get_data(kind)
    shouldGoAway(data_structure, kind + " data_structure")
    return len(data_structure.items)
gc.disable() # the cycle must still be there at the first check
for kind in ("plain", "cached", "logged", "cycle"):
    compute(kind)
check_pending()
print("after fixing the leaks and a collection:")
for kind in ("cached", "logged", "cycle"):
    compute(kind)
cache.clear()
history.clear()
gc.collect()
check_pending()
gc.enable()
try:
    shouldGoAway([1, 2, 3], "a list")
except TypeError as e:
    print("TypeError:", e)
try:
    shouldGoAway((1, 2), "a tuple")
except TypeError as e:
    print("TypeError:", e)
