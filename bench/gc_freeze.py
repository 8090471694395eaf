# gc_freeze: a big long-lived heap (~1,000,000 tracked containers) is moved to the permanent
# generation with gc.freeze(); afterwards full collections must be fast, because frozen
# objects are never traversed. Each of 2,000 rounds makes a small young heap (100 live lists
# that point into the frozen heap, 10 self-referencing lists of garbage) and runs
# gc.collect(). The first figure is one full collection before the freeze, for scale.
# Lines starting with "timing " are in-script figures (CPU time, time.process_time, as
# Lua's os.clock: steadier than wall time on a shared machine); bench/run reports them apart.
import gc
import time

RECORDS = 200000
ROUNDS = 2000

def build_records(n):
    records = []
    for i in range(n):
        d = {"key": [i], "vals": [i, "x", i * 2.5]}
        records.append((d, [d, i]))
    return records

def young_round(records, r):
    live = []
    for j in range(100):
        live.append([records[(r * 100 + j) % len(records)], j])
    for _ in range(10):
        g = [r]
        g.append(g)
    return live

def main():
    gc.disable()
    records = build_records(RECORDS)
    gc.collect()
    t0 = time.process_time()
    gc.collect()
    unfrozen = time.process_time() - t0
    gc.freeze()
    frozen_ok = gc.get_count() == (0, 0, 0) and gc.get_freeze_count() > 5 * RECORDS
    found = 0
    kept = 0
    spent = 0.0  # only the collections are timed, not building the young heap
    for r in range(ROUNDS):
        live = young_round(records, r)
        t1 = time.process_time()
        found += gc.collect()
        spent += time.process_time() - t1
        kept += len(live)
    gc.enable()
    print(f"gc_freeze: {5 * RECORDS} record objects frozen: {frozen_ok}, {ROUNDS} full "
          f"collections found {found} garbage, kept {kept}")
    print(f"timing collect_before_freeze {unfrozen * 1e3:.2f} ms")
    print(f"timing collect_after_freeze {spent * 1e6 / ROUNDS:.1f} us")

main()
