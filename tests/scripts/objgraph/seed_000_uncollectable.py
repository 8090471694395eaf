# Seed lesson 000, the diagnosis snippet: DEBUG_UNCOLLECTABLE finds nothing since PEP 442
# (a cycle with __del__ is collected), so the lesson's else-branch runs. With DEBUG_SAVEALL
# the collected cycle is kept in gc.garbage and show_backrefs draws it.
import gc, objgraph, sys
from helper_dot import show

# Enable debugging flags to expose uncollectable objects
gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
# Run your workload, then force a collection
gc.collect()
# Show objects that the collector could not free
if gc.garbage:
    print('Uncollectable objects:', len(gc.garbage))
    objgraph.show_backrefs(gc.garbage, max_depth=3, filename='leak.png')
else:
    print('No uncollectable objects detected')


class Cache:
    def __init__(self):
        self.callbacks = []

    def __del__(self):
        pass

    def __repr__(self):
        return 'Cache()'


def workload():
    cache = Cache()
    cache.callbacks.append(cache)


gc.set_debug(gc.DEBUG_SAVEALL)
workload()
gc.collect()
gc.set_debug(0)
caches = objgraph.by_type('Cache', gc.garbage)
print('Saved objects:', len(gc.garbage), sorted(objgraph.typestats(gc.garbage).items()))
show(objgraph.show_backrefs, caches, max_depth=3,
     extra_ignore=[id(gc.garbage)], filter=lambda o: o is not caches)
del caches
for o in gc.garbage:
    if isinstance(o, list):
        o.clear()
gc.garbage.clear()
