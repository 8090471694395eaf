def inner():
    while True:
        try:
            v = yield
            print("inner got", v)
        except KeyError:
            print("inner caught KeyError")
            return "inner done"
def outer():
    r = yield from inner()
    print("outer saw", r)
    yield "outer continues"
g = outer()
next(g)
g.send("a")
g.send("b")
print(g.throw(KeyError))
