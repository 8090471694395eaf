# Lesson 003, Part 2: thresholds and generation counters, made deterministic.
# Entry 0 of get_count() counts tracked allocations minus deallocations since the last
# collection of generation 0; entries 1 and 2 count collections of the younger generation
# (the lesson calls all three "object counts", which CPython's own docs contradict).
import gc
print(gc.get_threshold()) # (700, 10, 10)
gc.collect()
print(gc.get_count()) # right after a full collection
gc.disable()
keep = []
for _ in range(100):
    x = [i for i in range(10)] # allocates list + inner list
    keep.append(x)
c = gc.get_count()
print(c[0] >= 100, c[1], c[2]) # gen 0 count grew
# Each count is read right after its collection, before print() allocates anything.
collected = gc.collect(0); c = gc.get_count() # collect only gen 0
print(f"Gen 0 collected: {collected} objects")
print(c)
collected = gc.collect(0); c = gc.get_count()
print(c)
collected = gc.collect(1); c = gc.get_count() # collect gen 0 + gen 1
print(f"Gen 1 collected: {collected} objects")
print(c)
collected = gc.collect(2); c = gc.get_count() # full collection (all generations)
print(f"Full collection: {collected} objects")
print(c)
# Garbage is found by a young collection too.
a = []
b = [a]
a.append(b)
del a, b
collected = gc.collect(0); c = gc.get_count()
print(collected, c)
gc.enable()
