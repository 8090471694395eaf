# A __del__ that raises during a collection: CPython's "Exception ignored in:" report, the
# collection goes on; gc.collect() inside __del__ is a no-op returning 0.
import gc
from helper_capture import Capture
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()


class Bad:
    def __del__(self):
        print("Bad.__del__")
        raise ValueError("bad del")


class Nested:
    def __del__(self):
        print("Nested.__del__ collect ->", gc.collect())


gc.collect()
b = []
b.append(b)
bad = Bad()
bad.me = bad
b.append(bad)
nested = Nested()
nested.me = nested
del b, bad, nested
with Capture() as cap:
    gc.collect()
cap.show()
print(gc.collect())

# An exception being handled survives a collection that reports another one.
c = Bad()
c.me = c
del c
try:
    raise KeyError("outer")
except KeyError as e:
    with Capture() as cap:
        gc.collect()
    print("still handling", repr(e))
cap.show()
