# gc.callbacks see the collection that runs at exit while everything is alive; the
# callback keeps __main__'s globals alive (its __globals__) for the rest of CPython's
# teardown, so their __del__ never runs.
import gc


def cb(phase, info):
    print(phase, info["generation"])


class A:
    def __del__(self):
        print("del A")


a = A()
a.me = a
del a
gc.callbacks.append(cb)
b = A()
print("end")
