def gen():
    yield 1
    return 42
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
def empty():
    return
    yield
print(list(empty()))
