# A chain of 1,000,000 dicts, each holding the next, is freed by `del` and at exit.
import gc

# Automatic collection is off while a million objects are built: under gc stress mode
# (a full collection every 100 allocations) building them would take hours.
N = 1_000_000


def chain(n):
    gc.disable()
    d = {}
    for i in range(n):
        d = {"next": d, "i": i}
    gc.enable()
    return d


d = chain(N)
print(d["i"], d["next"]["i"])
del d
print("freed by del")
kept = chain(N)
print("one more left for exit")
