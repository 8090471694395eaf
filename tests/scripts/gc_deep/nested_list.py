# A list nested 1,000,000 deep is freed by `del`, and another at exit.
import gc

# Automatic collection is off while a million objects are built: under gc stress mode
# (a full collection every 100 allocations) building them would take hours.
N = 1_000_000


def nest(n):
    gc.disable()
    x = []
    for _ in range(n):
        x = [x]
    gc.enable()
    return x


x = nest(N)
depth = 0
y = x
while y:
    depth += 1
    y = y[0]
del y
print("depth", depth)
del x
print("freed by del")
kept = nest(N)
print("one more left for exit")
