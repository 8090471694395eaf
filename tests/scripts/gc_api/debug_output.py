# DEBUG_STATS, DEBUG_COLLECTABLE and DEBUG_SAVEALL lines on sys.stderr (captured here so
# addresses, timings and heap sizes can be masked).
import gc
from helper_capture import Capture
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()

gc.collect()
print(gc.get_debug())
gc.set_debug(gc.DEBUG_STATS)
print(gc.get_debug())
a = []
a.append(a)
del a
with Capture() as cap:
    n = gc.collect()
gc.set_debug(0)
print(n)
cap.show()

gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
b = []
c = {"b": b}
b.append(c)
del b, c
with Capture() as cap:
    n = gc.collect(1)
gc.set_debug(0)
print(n)
cap.show()

# DEBUG_LEAK = COLLECTABLE | UNCOLLECTABLE | SAVEALL: reported and kept in gc.garbage.
gc.set_debug(gc.DEBUG_LEAK)
d = []
d.append(d)
del d
with Capture() as cap:
    n = gc.collect()
gc.set_debug(0)
print(n, len(gc.garbage), type(gc.garbage[0]).__name__, gc.garbage[0][0] is gc.garbage[0])
cap.show()
gc.garbage.clear()
print(gc.collect())

# Nothing is written without flags.
e = []
e.append(e)
del e
with Capture() as cap:
    gc.collect()
print(cap.lines())
gc.set_debug(-1)
print(gc.get_debug())
gc.set_debug(0)
