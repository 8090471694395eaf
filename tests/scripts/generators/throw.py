def worker():
    while True:
        try:
            x = yield
            print("got", x)
        except ValueError as e:
            print("worker handled", e)
            yield "recovered"
g = worker()
next(g)
g.send(1)
print(g.throw(ValueError("bad input")))
next(g)
g.send(2)
try:
    g.throw(KeyError("unhandled"))
except KeyError as e:
    print("propagated", repr(e))
try:
    next(g)
except StopIteration:
    print("generator is finished")
