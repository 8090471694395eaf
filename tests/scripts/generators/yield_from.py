def inner():
    yield 1
    yield 2
    return "inner result"
def outer():
    result = yield from inner()
    print("inner returned", result)
    yield from [10, 20]
    yield from range(3)
print(list(outer()))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain("ab", (1, 2), [None])))
