def f(a, b, c=0, *rest, **kw):
    return (a, b, c, rest, kw)
args = (1, 2)
print(f(*args))
print(f(*args, 3, 4, 5))
print(f(*[1], **{"b": 2}))
print(f(1, *(2, 3), *[4], k="v", **{"z": 0}))
def g(x, y):
    return x - y
print(g(**{"y": 1, "x": 10}))
