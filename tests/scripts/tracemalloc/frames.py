# start(nframe): tracebacks keep the innermost nframe frames, oldest first, and
# Traceback.format() shows them with their source lines.
import tracemalloc


class Node:
    __slots__ = ('name',)      # CPython 3.11 finds only such instances' blocks

    def __init__(self, name):
        self.name = name


def make(name):
    return Node(name)


def outer():
    return make("a")


tracemalloc.start(3)
node = outer()
tb = tracemalloc.get_object_traceback(node)
print(len(tb), tb.total_nframe)
print([frame.lineno for frame in tb])
for line in tb.format():
    print(line.replace(__file__, "frames.py"))
for line in tb.format(limit=1):
    print(line.replace(__file__, "frames.py"))
for line in tb.format(most_recent_first=True):
    print(line.replace(__file__, "frames.py"))
print(str(tb).endswith("frames.py:22"))  # str() names the oldest frame

snapshot = tracemalloc.take_snapshot()
mine = snapshot.filter_traces([tracemalloc.Filter(True, __file__)])
print(all(t.traceback[-1].filename == __file__ for t in mine.traces))
deep = [t for t in mine.traces if len(t.traceback) == 3]
print(len(deep) > 0, all(t.traceback.total_nframe >= 3 for t in deep))
tracemalloc.stop()

tracemalloc.start()
node2 = outer()
tb = tracemalloc.get_object_traceback(node2)
print(len(tb), [frame.lineno for frame in tb], tb.total_nframe)
tracemalloc.stop()
print(tracemalloc.get_object_traceback(node2))
