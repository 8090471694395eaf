# Lesson 003, Part 4: a tour of the gc module's core functions.
import gc
# --- Collection ---
n = gc.collect()
print(f"Collected {n} objects")
print(gc.collect(0), gc.collect(1), gc.collect(2))
print(gc.collect(generation=2))
# --- Inspection ---
count = gc.get_count()
print(type(count).__name__, len(count), [type(c).__name__ for c in count])
print(gc.get_threshold()) # (700, 10, 10) by default
gc.set_threshold(1000, 15, 15) # less frequent collection
print(gc.get_threshold())
gc.set_threshold(500) # omitted thresholds keep their value
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
# --- Control ---
print(gc.isenabled())
gc.disable() # stop automatic collection
print(gc.isenabled())
print(gc.disable())
print(gc.isenabled())
gc.enable() # resume automatic collection
print(gc.isenabled()) # True/False
# --- Statistics (Python 3.3+) ---
stats = gc.get_stats()
print(type(stats).__name__, len(stats))
for gen, stat in enumerate(stats):
    print(f"Gen {gen}: {list(stat)}", [type(v).__name__ for v in stat.values()])
    print(stat["collections"] > 0, stat["collected"] >= 0, stat["uncollectable"])
# The tip: raise thresholds for a batch job, collect at the end.
def run_batch_job():
    total = 0
    for i in range(2000):
        row = [i, str(i), {"n": i}]
        total += len(row)
    return total
gc.set_threshold(10000, 20, 20)
print(run_batch_job())
print(gc.collect()) # force full collection at end
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
