# At exit, the atexit handlers run last registered first; weakref.finalize registers its
# own hook when the first finalize object is made, and that hook runs the finalizers still
# alive with atexit=True, newest first. A later atexit.register runs before it.
import atexit
import weakref


class Obj:
    pass


def say(*args):
    print(*args)


atexit.register(say, "atexit 1 (registered first, runs last)")
keep = [Obj() for i in range(5)]
fins = [weakref.finalize(o, say, "finalizer", i) for i, o in enumerate(keep)]
fins[1].atexit = False
fins[3]()
atexit.register(say, "atexit 2 (registered after the finalize hook, runs before it)")
dead = Obj()
weakref.finalize(dead, say, "finalizer of a dead object")
del dead


def late_maker():
    # A finalizer created by another at exit is run by the same hook.
    o = Obj()
    keep.append(o)
    weakref.finalize(o, say, "made at exit")
    print("maker ran")


weakref.finalize(keep[0], late_maker)
print("end of script", sum(f.alive for f in fins))
