# A chain of 1,000,000 tuples (t = (t, i)) is freed by `del` and at exit; the innermost
# holds a list so that every tuple stays a container the collector may see.
import gc

# Automatic collection is off while a million objects are built: under gc stress mode
# (a full collection every 100 allocations) building them would take hours.
N = 1_000_000


def chain(n):
    gc.disable()
    t = ([],)
    for i in range(n):
        t = (t, i)
    gc.enable()
    return t


t = chain(N)
print(t[1], t[0][1])
del t
print("freed by del")
kept = chain(N)
print("one more left for exit")
