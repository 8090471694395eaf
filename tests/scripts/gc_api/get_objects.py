# gc.get_objects(generation=None): tracked objects of generations 0-2, never the result
# list itself; a new container starts in generation 0 and moves up as it survives.
import gc


def where(obj):
    found = []
    for gen in range(3):
        if any(o is obj for o in gc.get_objects(gen)):
            found.append(gen)
    return found


gc.disable()
gc.collect()
lst = [1, 2]
print(where(lst))
print(any(o is lst for o in gc.get_objects()))
print(any(o is lst for o in gc.get_objects(None)))
print(any(o is lst for o in gc.get_objects(generation=-1)))
gc.collect(0)
print(where(lst))
gc.collect(1)
print(where(lst))
gc.collect()
print(where(lst))

result = gc.get_objects()
print(any(o is result for o in result))
print(type(result).__name__, len(result) > 0)

# Atoms are never tracked, so never listed.
s = "a string"
n = 12345678901234567890
print(any(o is s for o in gc.get_objects()), any(o is n for o in gc.get_objects()))

# Frozen objects are in no generation.
frozen = ["frozen"]
gc.freeze()
print(where(frozen), gc.is_tracked(frozen))
gc.unfreeze()
print(where(frozen))
gc.enable()
