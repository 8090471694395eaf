def gen():
    print("body starts only on first next()")
    x = yield "first"
    print("resumed with", x)
    yield "second"
g = gen()
print("generator created")
print(next(g))
print(g.send("value"))
for rest in g:
    print("more:", rest)
print(list(g), next(g, "exhausted"))
