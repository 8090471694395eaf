# Handlers run while the program is intact: globals, imports and print still work, and the
# __del__ of module globals comes afterwards (module teardown).
import atexit


class Resource:
    def __del__(self):
        print("Resource.__del__")


res = Resource()
table = {"k": "v"}


def handler():
    import gc
    print("handler sees", table["k"], type(res).__name__, gc.isenabled())


atexit.register(handler)
print("end")
