def show(**kwargs):
    for k, v in kwargs.items():
        print(k, "=", v)
    return len(kwargs)
print(show(a=1, b="two"))
print(show())
opts = {"x": 1, "y": 2}
print(show(**opts, z=3))
def mixed(a, b=2, *args, c, d=4, **kw):
    print(a, b, args, c, d, kw)
mixed(1, c=3)
mixed(1, 2, 3, 4, c=5, d=6, e=7)
mixed(*[9, 8], **{"c": 7, "zz": 0})
