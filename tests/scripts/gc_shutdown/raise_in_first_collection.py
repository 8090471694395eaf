# Garbage collected by the first exit collection, while modules are still alive: the
# report of an exception in its __del__ shows the source line, as CPython's does.
import gc


class A:
    def __del__(self):
        print("del")
        raise KeyError("k")


gc.disable()
a = A()
a.me = a
del a
gc.enable()
print("end")
