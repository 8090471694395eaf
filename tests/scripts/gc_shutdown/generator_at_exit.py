# Suspended generators alive at exit are closed: their finally blocks run.
def g(n):
    try:
        yield 1
        yield 2
    finally:
        print("finally", n)


x = g(1)
next(x)


class Holder:
    def __init__(self, gen):
        self.gen = gen
        self.me = self


h = Holder(g(2))
next(h.gen)
print("end")
