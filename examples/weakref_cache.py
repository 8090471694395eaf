# weakref_cache.py - a cache that does not keep its values alive: weakref.ref and
# weakref.WeakValueDictionary, compared with a plain dict that leaks.
#
# Run:  ouro examples/weakref_cache.py
#
# A weak reference lets you find an object while someone else keeps it alive, without
# keeping it alive yourself. Golden recorded with CPython 3.11.
import gc
import weakref


class Image:
    loads = 0

    def __init__(self, path):
        Image.loads += 1
        self.path = path
        self.pixels = [0] * 1000

    def __repr__(self):
        return f"Image({self.path!r})"


def section(title):
    print()
    print("==", title, "==")


gc.collect()

section("1. weakref.ref: a reference that does not count")
img = Image("cat.png")
r = weakref.ref(img)
print("r() ->", r())
print("weakref.getweakrefcount(img) ->", weakref.getweakrefcount(img))
del img
print("after del img, r() ->", r(), "<- the image was freed, the weak reference went dead")

section("2. a plain dict as a cache keeps everything alive")
strong_cache = {}


def load_strong(path):
    if path not in strong_cache:
        strong_cache[path] = Image(path)
    return strong_cache[path]


for i in range(5):
    load_strong(f"photo{i}.png")
print("nobody uses the images any more, yet the cache holds", len(strong_cache))
strong_cache.clear()

section("3. WeakValueDictionary: entries vanish with their values")
Image.loads = 0
cache = weakref.WeakValueDictionary()


def load(path):
    img = cache.get(path)
    if img is None:
        img = Image(path)
        cache[path] = img
    return img


a = load("a.png")
b = load("b.png")
a_again = load("a.png")
print("a.png loaded twice, same object:", a is a_again, "/ loads so far:", Image.loads)
print("cache keys:", sorted(cache.keys()))
del b
print("after del b, cache keys:", sorted(cache.keys()))
del a, a_again
print("after del a and a_again, len(cache) ->", len(cache))
c = load("a.png")
print("loading a.png again reads it again: loads =", Image.loads)
del c

section("4. a weak reference with a callback")


def gone(ref):
    print("  callback: an image died, its weak reference is dead:", ref() is None)


img = Image("dog.png")
r = weakref.ref(img, gone)
print("del img:")
del img

section("5. a weakly cached object inside a cycle lives until the collector runs")
img = Image("cycle.png")
img.me = img
cache["cycle.png"] = img
del img
print("after del, still cached:", "cycle.png" in cache)
print("gc.collect() found garbage:", gc.collect() > 0)
print("after the collection, cached:", "cycle.png" in cache)

section("What to remember")
print("- weakref.ref(obj)() gives the object back while it lives, None afterwards")
print("- WeakValueDictionary is the cache that never keeps its values alive")
print("- entries disappear as soon as the last strong reference goes")
