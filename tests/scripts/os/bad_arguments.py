# Bad arguments to the memory-tool modules get CPython's exceptions and messages.
import gc, tracemalloc, weakref, os, atexit
tests = [
    lambda: gc.collect("x"),
    lambda: gc.set_debug(1 << 70),
    lambda: tracemalloc.start(-1),
    lambda: tracemalloc.start(10**20),
    lambda: tracemalloc.start(1.5),
    lambda: weakref.proxy([]),
    lambda: os.waitpid(999999, 0),
    lambda: os.waitpid(2**40, 0),
    lambda: os.system(5),
    lambda: atexit.register(5),
    lambda: gc.get_objects(10**30),
    lambda: weakref.WeakValueDictionary({1: 2}),
]
for t in tests:
    try:
        r = t()
        print("ok", type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)
print(tracemalloc.is_tracing())
