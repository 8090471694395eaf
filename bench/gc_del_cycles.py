# gc_del_cycles: 2-instance cycles whose objects define __del__ (PEP 442 finalization).
# Phase 1: automatic collection disabled; 200 batches of 1,000 cycles, each batch freed by
# an explicit gc.collect(). Phase 2: 300,000 cycles reclaimed by the automatic collector.
# The check line counts __del__ calls: every one must have run exactly once.
# Lines starting with "timing " are in-script figures (CPU time, time.process_time, as
# Lua's os.clock: steadier than wall time on a shared machine); bench/run reports them apart.
import gc
import time

deleted = 0

class Res:
    def __init__(self, i):
        self.peer = None
        self.i = i

    def __del__(self):
        global deleted
        deleted += 1

def make_cycles(n):
    for i in range(n):
        a = Res(i)
        b = Res(i)
        a.peer = b
        b.peer = a

def explicit(batches, size):
    gc.disable()
    left_over = 0
    for _ in range(batches):
        before = deleted
        make_cycles(size)
        gc.collect()
        left_over += 2 * size - (deleted - before)  # finalizers the batch did not run
    gc.enable()
    return left_over

def main(batches, size, auto):
    global deleted
    t0 = time.process_time()
    left_over = explicit(batches, size)
    t1 = time.process_time()
    phase1 = deleted
    deleted = 0
    make_cycles(auto)
    t2 = time.process_time()
    before_final = deleted
    gc.collect()  # the last, still-young cycles
    print(f"gc_del_cycles: explicit {phase1} of {2 * batches * size} finalized "
          f"(left over {left_over}), automatic {deleted} of {2 * auto} finalized, "
          f"most before the final collect: {before_final > 2 * auto * 9 // 10}")
    print(f"timing explicit {t1 - t0:.4f} s")
    print(f"timing explicit_per_cycle {(t1 - t0) * 1e9 / (batches * size):.1f} ns")
    print(f"timing automatic {t2 - t1:.4f} s")
    print(f"timing automatic_per_cycle {(t2 - t1) * 1e9 / auto:.1f} ns")

main(200, 1000, 300000)
