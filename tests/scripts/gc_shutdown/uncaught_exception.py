# An uncaught exception: the traceback, then the finalizers of what is left.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def f():
    local = A("local")
    raise ValueError("boom")


g = A("global")
g.me = g
f()
