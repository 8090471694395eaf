# The lessons' cache: a WeakValueDictionary of 10,000 entries that empties as users drop them.
import gc
import weakref


class Image:
    loads = 0

    def __init__(self, key):
        Image.loads += 1
        self.key = key


cache = weakref.WeakValueDictionary()


def load(key):
    img = cache.get(key)
    if img is None:
        img = Image(key)
        cache[key] = img
    return img


held = [load(i) for i in range(10000)]
print(len(cache), Image.loads)
again = [load(i) for i in range(0, 10000, 2)]
print(len(cache), Image.loads, again[10] is held[20])
del held[::2]
print(len(cache))
del again
print(len(cache))
total = 0
for k in cache:
    total += k
print(total)
# Values kept alive only by a cycle die at the next collection.
class Node:
    pass


for i in range(100):
    n = Node()
    n.me = n
    cache["node%d" % i] = n
del n
gc.collect()
print(len(cache))
held.clear()
print(len(cache), list(cache.items()))
