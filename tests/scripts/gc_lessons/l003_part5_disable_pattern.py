# Lesson 003, Part 5: gc.disable() around initialization, then enable + collect.
# Sizes are smaller than the lesson's (10000 keys) to keep the test fast under valgrind.
import gc
def build_search_index(data):
    index = {}
    for key, values in data.items():
        index.setdefault(len(values), []).append(key)
    return index
# Pattern 1: Disable during performance-critical initialization
gc.disable()
try:
    # Build large data structures - no GC interruptions
    data = {i: [j for j in range(100)] for i in range(1000)}
    index = build_search_index(data)
    print(gc.isenabled(), len(data), sorted(index), len(index[100]))
finally:
    gc.enable()
print(gc.isenabled())
print(gc.collect()) # clean up any cycles created during initialization (none here)
# Pattern 1 again, with cycles created while the collector is off: they wait for collect().
gc.disable()
try:
    for i in range(50):
        node = {"id": i}
        node["self"] = node # a self-cycle per iteration
    del node
finally:
    gc.enable()
print(gc.collect()) # the 50 self-referencing dicts
# Pattern 2: Long-running batch job with no cycles (all objects are short-lived)
massive_dataset = [[i, i * 2] for i in range(1000)]
written = []
def process(record):
    return record[0] + record[1]
def write(result):
    written.append(result)
gc.disable()
for record in massive_dataset:
    result = process(record) # record and result have no cycles
    write(result)
gc.enable()
print(gc.collect())
print(len(written), written[:3], written[-1])
