# Generators delegating deeper than the recursion limit, generator chains closed at
# teardown, __del__ that allocates more of its own kind, long exception context chains.
def g(n):
    if n:
        yield from g(n - 1)
    else:
        yield 1
try:
    print(list(g(10000)))
except RecursionError as e:
    print("RecursionError", e)
gens = [g(900) for i in range(5)]
print([next(x) for x in gens])
del gens
count = 0
class D:
    def __del__(self):
        global count
        count += 1
        if count < 100000:
            D()
D()
print("del chain", count > 0)
e = None
for i in range(100000):
    try:
        raise ValueError(i)
    except ValueError as exc:
        exc.__context__ = e
        e = exc
n = 0
x = e
while x is not None:
    n += 1
    x = x.__context__
print(n)
del e, x
print("done")
