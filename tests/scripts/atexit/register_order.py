# atexit.register: returns func (usable as a decorator), passes args and kwargs, and the
# handlers run last registered first, after the script's last line.
import atexit


def show(*args, **kwargs):
    print("show", args, sorted(kwargs.items()))


print(atexit.register(show, 1, 2, key="v") is show)
atexit.register(show)
atexit.register(print, "builtin print", "with", "args", sep="-")


@atexit.register
def decorated():
    print("decorated (registered last, runs first)")


print(decorated.__name__)


class Handler:
    def __call__(self, tag):
        print("callable instance", tag)

    def method(self):
        print("bound method")


h = Handler()
atexit.register(h, "T")
atexit.register(h.method)
atexit.register(lambda: print("lambda"))
print("end of script")
