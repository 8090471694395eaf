# Lesson 001, example 3: gc.get_referents of live objects in a cycle.
# The lesson prints [] for each; the objects are alive, and in CPython 3.10 and Ouroboros an
# instance's referents are [its __dict__, its class] (3.11: attribute values, then the class).
# Printed in a normalised form: type names, then the dict's contents and identities.
import gc
class MyClass:
    def __init__(self):
        self.other = None
obj1 = MyClass()
obj2 = MyClass()
obj1.other = obj2
obj2.other = obj1
# force collection
print(gc.collect())
for obj, peer in [(obj1, obj2), (obj2, obj1)]:
    refs = gc.get_referents(obj)
    print([type(x).__name__ for x in refs])
    d = refs[0]
    print(d is obj.__dict__, isinstance(d, dict) and list(d) == ["other"] and d["other"] is peer)
    print(refs[-1] is MyClass)
print(gc.get_referents(obj1.__dict__)[-1] is obj2)
print(gc.get_referents(42, "text"))
print(len(gc.get_referents(obj1, obj2)))
