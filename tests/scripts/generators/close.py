def gen():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("GeneratorExit inside generator")
        raise
    finally:
        print("cleanup in finally")
g = gen()
print(next(g))
g.close()
print("closed")
g.close()
try:
    next(g)
except StopIteration:
    print("StopIteration after close")
g2 = gen()
g2.close()
print("closing an unstarted generator runs nothing")
