def accumulator():
    total = 0
    while True:
        value = yield total
        print("received", value)
        if value is None:
            break
        total += value
    yield "final " + str(total)
g = accumulator()
print(next(g))
print(g.send(10))
print(g.send(5))
print(g.send(None))
try:
    g.send(1)
except StopIteration:
    print("stopped")
g2 = accumulator()
try:
    g2.send(3)
except TypeError as e:
    print("TypeError:", e)
