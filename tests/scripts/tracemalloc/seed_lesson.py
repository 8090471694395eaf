# Lesson 003's tracemalloc preview: snapshots before and after a leaking loop, compared by
# line. Sizes differ between implementations, so the lines and counts are printed.
import tracemalloc
import gc

leaked = []


def create_some_objects():
    leaked.append([0] * 8)           # the leak: kept forever
    scratch = {"k": [1, 2, 3]}       # garbage at return
    return len(scratch)


tracemalloc.start()
snapshot1 = tracemalloc.take_snapshot()
for _ in range(1000):
    create_some_objects()
gc.collect()
snapshot2 = tracemalloc.take_snapshot()
top_stats = snapshot2.compare_to(snapshot1, 'lineno')
print("Top memory growth:")
for stat in top_stats[:10]:
    frame = stat.traceback[0]
    if frame.filename == __file__ and stat.count_diff >= 1000:
        # CPython 3.11 also counts each list's item array; Ouroboros' are malloc'd apart
        print(" line %d: grew by at least 1000 blocks" % frame.lineno)
text = str(top_stats[0])
print(text.startswith(__file__ + ":10: size="), "count=" in text, "average=" in text)
tracemalloc.stop()
