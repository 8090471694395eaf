# gc.callbacks: called with ("start", info) and ("stop", info) around every collection;
# info keys in order generation, collected, uncollectable. A raising callback is reported
# as unraisable and the others still run; gc.collect() inside a callback returns 0.
import gc
from helper_capture import Capture
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()

log = []


def recorder(phase, info):
    log.append((phase, list(info.items()), gc.collect()))


def bad(phase, info):
    raise ValueError(phase)


gc.collect()
gc.callbacks.append(recorder)
gc.callbacks.append(bad)
gc.callbacks.append(recorder)
x = []
x.append(x)
del x
with Capture() as cap:
    n = gc.collect()
print(n)
for entry in log:
    print(entry)
cap.show()

gc.callbacks.clear()
log.clear()
gc.callbacks.append(recorder)
print(gc.collect(0), gc.collect(1))
for entry in log:
    print(entry)


# Callbacks are called by index over the live list: one that removes itself makes the
# next one miss that phase (CPython's behaviour), and the list goes on working.
def once(phase, info):
    log.append(("once", phase))
    gc.callbacks.remove(once)


log.clear()
gc.callbacks.insert(0, once)
gc.collect()
print([e[0] for e in log])

# Rebinding the module attribute does not touch the collector's list.
real = gc.callbacks
gc.callbacks = None
log.clear()
gc.collect()
print(len(log))
gc.callbacks = real
gc.callbacks.clear()
log.clear()
gc.collect()
print(log)
