# Every allocation is charged to the source line running when it happened; the lines of
# a function that builds objects come first in statistics('lineno'), and compare_to shows
# what grew between two snapshots.
import tracemalloc

kept = []


def build(n):
    for i in range(n):
        kept.append([i, i + 1, i + 2])
        kept.append("item-%d" % i)


def here(stat):
    frame = stat.traceback[0]
    return frame.filename.endswith("attribution.py"), frame.lineno


tracemalloc.start()
before = tracemalloc.take_snapshot()
build(3000)
after = tracemalloc.take_snapshot()
tracemalloc.stop()

lines = {}
for stat in after.statistics("lineno"):
    mine, lineno = here(stat)
    if mine and lineno in (11, 12):
        lines[lineno] = stat.count
print(sorted(lines), lines[11] >= 3000, lines[12] >= 3000)

growth = [s for s in after.compare_to(before, "lineno") if here(s)[0]]
print([here(s)[1] for s in growth[:2]] in ([11, 12], [12, 11]))
print(all(s.count_diff >= 3000 and s.size_diff > 0 for s in growth[:2]))

per_file = after.statistics("filename")
print(any(s.traceback[0].filename.endswith("attribution.py") and s.traceback[0].lineno == 0
          for s in per_file))
