# An exception in a finalizer: raised to an explicit caller; reported as unraisable
# ("Exception ignored in: <finalize object ...; dead>") when the referent dies.
import sys
import weakref


class Capture:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass


class Res:
    pass


def fail(tag):
    raise ValueError("failed " + tag)


r = Res()
f = weakref.finalize(r, fail, "direct")
try:
    f()
except ValueError as e:
    print("caught", e)
print(f.alive)

r2 = Res()
weakref.finalize(r2, fail, "by death")
cap = Capture()
sys.stderr = cap
del r2
sys.stderr = sys.__stderr__
lines = cap.text.splitlines()
print(lines[0].startswith("Exception ignored in: <finalize object at 0x"), lines[0].endswith("; dead>"))
print(lines[1])
print(lines[-1])
print("still running")
