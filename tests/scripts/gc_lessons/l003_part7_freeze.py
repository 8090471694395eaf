# Lesson 003, Part 7: gc.freeze() / get_freeze_count() / unfreeze(), without the fork.
# The number of frozen objects depends on the interpreter's own heap, so only its shape is
# printed. The final count is 4 in 3.10 and Ouroboros (two instances + two __dict__s); 3.11: 2.
import gc
class Model:
    def __init__(self, name):
        self.name = name
        self.peer = None
gc.collect()
print(gc.get_freeze_count()) # 0: nothing frozen yet
# Module-level objects loaded "before forking": a cycle that becomes garbage later.
m1 = Model("m1")
m2 = Model("m2")
m1.peer = m2
m2.peer = m1
registry = [m1, m2]
gc.freeze()
frozen = gc.get_freeze_count()
c = gc.get_count()
print(frozen > 0, c[0]) # e.g. 50000 frozen in a Django process; count 0 reset
print(gc.is_tracked(registry), gc.is_tracked(m1))
# Frozen objects are invisible to get_objects() and get_referrers(), and never collected.
print(any(o is registry for o in gc.get_objects()))
print(gc.get_referrers(m1) == [])
del m1, m2, registry
print(gc.collect()) # the frozen cycle is garbage now, but the collector does not look at it
print(gc.get_freeze_count() == frozen - 1) # registry itself was freed by reference counting
# Objects created after the freeze are collected as usual.
x = []
x.append(x)
del x
print(gc.collect())
# Typical Gunicorn pre-fork hook pattern:
class Log:
    def info(self, msg):
        print(msg.replace(str(gc.get_freeze_count()), "N"))
class Server:
    log = Log()
def when_ready(server):
    """Called after Django is loaded, before forking workers."""
    import gc
    gc.freeze()
    server.log.info(f"GC frozen: {gc.get_freeze_count()} objects protected from COW")
when_ready(Server())
# To unfreeze (rarely needed): everything goes back to the oldest generation.
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.collect()) # the old frozen cycle is reclaimed now
print(gc.collect())
