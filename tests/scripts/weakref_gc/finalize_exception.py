# An exception in a weakref.finalize function (gc-reference §3.4, §4.8) is reported as
# unraisable with the finalize object as the "in" object, whose repr already says "dead"
# (the traceback passes through weakref.py, whose path and lines are CPython's own, so the
# report is captured through sys.stderr and only its first and last lines are printed).
# The finalizer still counts as run: alive is False and it never runs again.
import gc
import sys
import weakref
gc.disable()
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass
def broken(name):
    raise ValueError("cannot close " + name)
class Res:
    pass
def show(cap):
    lines = "".join(cap.parts).splitlines()
    print("report:", lines[0], "|", lines[1], "|", lines[-1])
r = Res()
f = weakref.finalize(r, broken, "r")
print("repr alive:", f)
cap = Capture()
sys.stderr = cap
del r
sys.stderr = sys.__stderr__
show(cap)
print("alive:", f.alive, "| call:", f())
c = Res()
c.me = c
f = weakref.finalize(c, broken, "c")
del c
cap = Capture()
sys.stderr = cap
gc.collect()
sys.stderr = sys.__stderr__
show(cap)
print("alive:", f.alive, "| repr:", f)
gc.enable()
