# Lesson 003, Question 3: which objects does the cyclic GC track?
# The lesson says e = {"x": 1} is tracked; CPython untracks dicts that hold only atomic keys
# and values (they start untracked and become tracked when a container is stored). CPython wins.
# The lesson also says d = (1, 2, 3) is not tracked: in CPython a tuple of atomic values is
# untracked by the first collection that examines it (freshly built it is still tracked), so
# the checks run after gc.collect(), where every rule agrees.
import gc
a = 42
b = "hello"
c = [1, 2, 3]
d = (1, 2, 3)
e = {"x": 1}
f = {1, 2, 3}
# Which of a, b, c, d, e, f are tracked by the GC?
gc.collect()
for name, value in [("a", a), ("b", b), ("c", c), ("d", d), ("e", e), ("f", f)]:
    print(name, type(value).__name__, gc.is_tracked(value))
print(gc.is_tracked(()), gc.is_tracked(([],)), gc.is_tracked({"x": []}))
e["y"] = []
print(gc.is_tracked(e)) # storing a container tracks the dict
print(gc.is_tracked(None), gc.is_tracked(1.5), gc.is_tracked(True))
class Plain:
    pass
print(gc.is_tracked(Plain()), gc.is_tracked(Plain), gc.is_tracked(lambda: 0))
