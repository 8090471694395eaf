# atexit.unregister removes every registration of an equal function; unknown functions are
# ignored. Bound methods compare equal when they bind the same function and object.
import atexit


def a():
    print("a")


def b():
    print("b")


class C:
    def m(self):
        print("m")


c = C()
start = atexit._ncallbacks()
atexit.register(a)
atexit.register(b)
atexit.register(a)
atexit.register(c.m)
print(atexit._ncallbacks() - start)
print(atexit.unregister(a))
print(atexit._ncallbacks() - start)
atexit.unregister(c.m)
atexit.unregister(print)
atexit.unregister(42)
print("end")
