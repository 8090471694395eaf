def fragile():
    yield 1
    raise ValueError("generator failed")
    yield 2
g = fragile()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught:", e)
print(list(g))
