# gc_collect_full: cost of a full collection over a LIVE heap (nothing to free).
# 1. ~1,000,000 tracked containers: 200,000 records, each a tuple holding a dict of two lists
#    and one more list (5 tracked objects, the same count in CPython 3.11 and ouro);
#    reported as ns per tracked object (time / len(gc.get_objects())), best and median.
# 2. pyperformance's gc_traversal shape: a dense DAG of 1,000 lists and ~500,000 edges.
# 3. 100,000 linked instances (their count differs: ouro tracks instance + __dict__).
# Lines starting with "timing " are in-script figures (CPU time, time.process_time, as
# Lua's os.clock: steadier than wall time on a shared machine); bench/run reports them apart.
import gc
import time

RECORDS = 200000
N_LEVELS = 1000
INSTANCES = 100000
ROUNDS = 7

def time_collections(rounds):
    """Best and median seconds of `rounds` full collections; every one must find nothing."""
    gc.collect()  # settle: young objects move to the oldest generation, tuples untracked
    times = []
    found = 0
    for _ in range(rounds):
        t0 = time.process_time()
        found += gc.collect()
        times.append(time.process_time() - t0)
    times.sort()
    return times[0], times[len(times) // 2], found

def build_records(n):
    records = []
    for i in range(n):
        d = {"key": [i], "vals": [i, "x", i * 2.5]}
        records.append((d, [d, i]))
    return records

def build_dag(levels):
    current = []
    for n in range(levels):
        current = [current] * n
    return current

class Item:
    def __init__(self, nxt, i):
        self.next = nxt
        self.value = i

def build_chain(n):
    head = None
    for i in range(n):
        head = Item(head, i)
    return head

def report(name, best, median, objects):
    print(f"timing {name}_best {best * 1e3:.2f} ms")
    print(f"timing {name}_median {median * 1e3:.2f} ms")
    if objects:
        print(f"timing {name}_ns_per_object {median * 1e9 / objects:.2f} ns")

def main():
    gc.disable()  # only the timed collections run; building must not trigger any
    records = build_records(RECORDS)
    objects = len(gc.get_objects())
    best, median, found = time_collections(ROUNDS)
    report("full", best, median, objects)
    del records
    gc.collect()

    dag = build_dag(N_LEVELS)
    best, median, found2 = time_collections(ROUNDS)
    report("traversal", best, median, 0)
    del dag
    gc.collect()

    chain = build_chain(INSTANCES)
    objects3 = len(gc.get_objects())
    best, median, found3 = time_collections(ROUNDS)
    report("instances", best, median, objects3)
    del chain
    gc.enable()
    print(f"gc_collect_full: {RECORDS * 5} record objects, {N_LEVELS} DAG levels, "
          f"{INSTANCES} instances, found {found + found2 + found3} garbage in "
          f"{3 * ROUNDS} timed collections")

main()
