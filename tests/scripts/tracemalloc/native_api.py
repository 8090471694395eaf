# The _tracemalloc switches and their errors; sizes only compared, never printed.
import tracemalloc

print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
print(tracemalloc.get_traced_memory())
print(tracemalloc.get_object_traceback([]))
print(tracemalloc.get_tracemalloc_memory() > 0)

for bad in (0, 65536, -1):
    try:
        tracemalloc.start(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in ("x", 1.5):
    try:
        tracemalloc.start(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    tracemalloc.start(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    tracemalloc.start(nframe=2)
except TypeError as e:
    print("TypeError:", e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError:", e)
print(tracemalloc.is_tracing())

tracemalloc.start(5)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
data = [str(i) * 3 for i in range(2000)]
current, peak = tracemalloc.get_traced_memory()
print(current > 2000, peak >= current)
del data
after, peak2 = tracemalloc.get_traced_memory()
print(after < current, peak2 >= peak)
tracemalloc.reset_peak()
now, peak3 = tracemalloc.get_traced_memory()
print(peak3 < peak, peak3 >= now)
tracemalloc.start(2)                  # while tracing: nothing changes, not even the limit
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
tracemalloc.clear_traces()
print(tracemalloc.get_traced_memory() < (1000, 1000))
snapshot = tracemalloc.take_snapshot()
print(type(snapshot).__name__, snapshot.traceback_limit)
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
tracemalloc.stop()
print(tracemalloc._get_traces())
