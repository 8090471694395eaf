# weakref_churn: objects created with a weakref.ref + callback and dropped at once, about two
# million times. Phase 1: plain objects, freed by reference counting (the callback runs
# from the refcount path). Phase 2: objects in self-cycles, freed by the AUTOMATIC collector
# (the callbacks run from the collector). Phase 3: WeakValueDictionary entries that vanish
# with their values. The check line counts callbacks and leftovers: every callback must
# have run exactly once and every entry must be gone.
# Lines starting with "timing " are in-script figures (CPU time, time.process_time, as
# Lua's os.clock: steadier than wall time on a shared machine); bench/run reports them apart.
import gc
import time
import weakref

called = 0

def on_death(r):
    global called
    called += 1

class Obj:
    def __init__(self, i):
        self.i = i

def refcount_churn(n):
    total = 0
    for i in range(n):
        o = Obj(i)
        r = weakref.ref(o, on_death)
        total += r().i & 7  # the referent through the weakref while alive
        o = None  # dies here: the callback runs now, r() is None
        if r() is not None:
            total -= 1000
    return total

def cycle_churn(n):
    refs = []  # the weakrefs must outlive their referents for the callbacks to run
    limit = 1000
    for i in range(n):
        o = Obj(i)
        o.me = o
        refs.append(weakref.ref(o, on_death))
        if len(refs) >= limit:  # drop the dead ones (doubling: linear even if none died)
            refs = [r for r in refs if r() is not None]
            limit = max(1000, 2 * len(refs))
    o = None
    gc.collect()
    return sum(1 for r in refs if r() is not None)

def cache_churn(n):
    cache = weakref.WeakValueDictionary()
    total = 0
    for i in range(n):
        o = Obj(i)
        cache[i & 1023] = o
        total += cache[i & 1023].i & 3
    o = None
    return total, len(cache)

def main(n_refcount, n_cycle, n_cache):
    global called
    t0 = time.process_time()
    total = refcount_churn(n_refcount)
    t1 = time.process_time()
    phase1 = called
    called = 0
    survivors = cycle_churn(n_cycle)
    t2 = time.process_time()
    phase2 = called
    total2, left = cache_churn(n_cache)
    t3 = time.process_time()
    print(f"weakref_churn: refcount {phase1} of {n_refcount} callbacks (checksum {total}), "
          f"collector {phase2} of {n_cycle} callbacks ({survivors} alive), "
          f"cache checksum {total2}, {left} entries left")
    print(f"timing refcount {t1 - t0:.4f} s")
    print(f"timing refcount_per_object {(t1 - t0) * 1e9 / n_refcount:.1f} ns")
    print(f"timing collector {t2 - t1:.4f} s")
    print(f"timing collector_per_object {(t2 - t1) * 1e9 / n_cycle:.1f} ns")
    print(f"timing cache {t3 - t2:.4f} s")
    print(f"timing cache_per_object {(t3 - t2) * 1e9 / n_cache:.1f} ns")

main(1500000, 300000, 300000)
