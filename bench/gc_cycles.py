# gc_cycles: a few million short-lived reference cycles (2-instance cycles and 2-list
# cycles), dropped at once and reclaimed only by the AUTOMATIC collector (no gc.collect()).
# The check line asserts that the heap stayed bounded, so a leak cannot pass as speed.
# Lines starting with "timing " are in-script figures (CPU time, time.process_time, as
# Lua's os.clock: steadier than wall time on a shared machine); bench/run reports them apart.
import gc
import time

class Node:
    def __init__(self):
        self.peer = None

def churn(n):
    total = 0
    for i in range(n):
        a = Node()
        b = Node()
        a.peer = b
        b.peer = a
        l = [i]
        m = [l]
        l.append(m)
        total += len(m[0])
    return total

def main(n):
    before = len(gc.get_objects())
    t0 = time.process_time()
    total = churn(n)
    t1 = time.process_time()
    # Without a working automatic collector the heap would grow by ~4 * n containers.
    growth = len(gc.get_objects()) - before
    bounded = growth < 100000
    print(f"gc_cycles: {n} iterations, {4 * n} objects in cycles, "
          f"checksum {total}, heap bounded: {bounded}")
    print(f"timing loop {t1 - t0:.4f} s")
    print(f"timing per_cycle {(t1 - t0) * 1e9 / (2 * n):.1f} ns")

main(1000000)
