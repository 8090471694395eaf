# refcount_getrefcount.py - watching reference counts with sys.getrefcount.
# getrefcount(x) is one higher than you might expect: the call's own argument
# is a reference too.
import sys


class Thing:
    pass


t = Thing()
print("one name:                   ", sys.getrefcount(t))

alias = t
print("two names:                  ", sys.getrefcount(t))

box = [t, t, t]
print("plus three list slots:      ", sys.getrefcount(t))

table = {"key": t}
print("plus a dict value:          ", sys.getrefcount(t))

holder = Thing()
holder.attr = t
print("plus an instance attribute: ", sys.getrefcount(t))

del alias
box.clear()
table.clear()
holder.attr = None
print("back to one name:           ", sys.getrefcount(t))


def inspect(obj):
    # the global name, the parameter, and getrefcount's argument
    return sys.getrefcount(obj)


print("inside a call:              ", inspect(t))
