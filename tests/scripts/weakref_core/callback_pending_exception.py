# Callbacks that run while an exception propagates do not disturb it.
from _weakref import ref

class A:
    pass

def fails(w):
    raise RuntimeError("ignored")

def raiser():
    holder = [A()]
    global w1, w2
    w1 = ref(holder[0], lambda w: print("callback while KeyError propagates"))
    w2 = ref(holder[0], fails)
    try:
        raise KeyError("kept")
    finally:
        holder.clear()

try:
    raiser()
except KeyError as e:
    print("caught", repr(e))
