# Lesson: gc.freeze() before os.fork() — copy-on-write, measured.
#
# After fork() the child shares every memory page with its parent until one side writes to
# it; then the kernel copies that page (copy-on-write). A full gc.collect() in the child
# writes to the GC header of every object it examines, so it copies the pages of the whole
# heap. gc.freeze() moves every tracked object to the permanent generation, which no
# collection looks at: frozen before fork, the heap stays shared.
#
# Each child reads /proc/self/smaps_rollup before and after gc.collect(): the growth of
# Private_Dirty is what it copied. Raw numbers go to stderr (`2>/dev/null` to hide them);
# stdout shows only what holds on every run.
import gc
import os
import sys

N = 300_000


class Node:
    __slots__ = ('value', 'next')

    def __init__(self, value, next):
        self.value = value
        self.next = next


def private_dirty_kib():
    with open('/proc/self/smaps_rollup') as f:
        for line in f:
            if line.startswith('Private_Dirty:'):
                return int(line.split()[1])
    return 0


def child_copies():
    """Forks a child that runs a full collection; returns how many KiB it copied."""
    sys.stdout.flush()
    r = os.fork()
    if r == 0:
        before = private_dirty_kib()
        gc.collect()
        after = private_dirty_kib()
        # The exit status carries the result (in MiB, to fit in 0..255).
        os._exit(min(255, (after - before) // 1024))
    pid, status = os.waitpid(r, 0)
    return os.WEXITSTATUS(status)


gc.disable()            # no automatic collection between the measurements
heap = [[i, (i,), {'k': i}] for i in range(N // 3)]
chain = None
for i in range(N // 10):
    chain = Node(i, chain)
gc.collect()

print(f"built a heap of about {N:,} objects; more than 100,000 tracked by the collector: "
      f"{'yes' if len(gc.get_objects()) > 100_000 else 'no'}")

plain = child_copies()
print("child without freeze: ran gc.collect()")

gc.freeze()
print(f"gc.freeze(): frozen objects > 0: {gc.get_freeze_count() > 0}")
frozen = child_copies()
print("child after freeze:   ran gc.collect()")
gc.unfreeze()

print(f"copied without freeze: {plain} MiB, with freeze: {frozen} MiB", file=sys.stderr)
print(f"freeze saved copying: {'yes' if frozen < plain and plain >= 2 else 'no'}")
