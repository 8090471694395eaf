# Lesson 003, Part 6: weakref.finalize instead of __del__ (LegacySafeResource). The
# finalizer holds the resource, not the object, so it does not keep the object alive and
# does not block collecting it in a cycle; it runs once: when the object dies by refcount,
# during the collection of its cycle, when called explicitly, or at exit.
# Counts are CPython 3.10's (Ouroboros keeps instance dicts): the 2-cycle, its dicts and the
# two finalizers' internal weakrefs (freed by their own callbacks) are 6 (3.11: 4).
import gc
import weakref
gc.disable()
class FileLike:
    def __init__(self, name):
        self.name = name
        self.closed = False
    def close(self):
        self.closed = True
        print("closed", self.name)
class LegacySafeResource:
    def __init__(self, resource):
        self._resource = resource
        # weakref.finalize does NOT block GC of LegacySafeResource
        self._finalizer = weakref.finalize(self, cleanup, resource)
def cleanup(resource):
    resource.close()
# Refcount death
r = LegacySafeResource(FileLike("plain"))
del r
# A cycle: collected, the finalizers run during the collection, nothing in gc.garbage.
f1 = FileLike("cycle-1")
f2 = FileLike("cycle-2")
a = LegacySafeResource(f1)
b = LegacySafeResource(f2)
a.peer = b
b.peer = a
del a, b
print("before collect:", f1.closed, f2.closed)
print("collect:", gc.collect())
print("after collect:", f1.closed, f2.closed, gc.garbage)
# Explicit close through the finalizer: runs once, never again at death.
c = LegacySafeResource(FileLike("explicit"))
c._finalizer()
print("alive:", c._finalizer.alive)
del c
# Still alive at exit: the finalizer runs at exit (atexit defaults to True).
keep = LegacySafeResource(FileLike("at-exit"))
gc.enable()
print("end of script")
