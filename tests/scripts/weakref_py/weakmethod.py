# WeakMethod: a weak reference to a bound method (instance and function held weakly),
# and the lessons' event emitter whose handlers vanish with their objects.
import weakref


class Button:
    def __init__(self, name):
        self.name = name

    def click(self, x):
        return "%s clicked %s" % (self.name, x)


b = Button("ok")
wm = weakref.WeakMethod(b.click)
print(wm()(1), wm() == b.click, wm() is wm(), isinstance(wm, weakref.ref))
print(type(wm).__name__, type(wm).__mro__[1] is weakref.ref)
for bad in (len, Button.click, 5):
    try:
        weakref.WeakMethod(bad)
    except TypeError as e:
        print("TypeError", e)
wm2 = weakref.WeakMethod(b.click)
print(wm == wm2, wm != wm2, hash(wm) == hash(wm2), wm == weakref.ref(b), wm != 3)
c = Button("other")
print(wm == weakref.WeakMethod(c.click))
calls = []
wm3 = weakref.WeakMethod(b.click, lambda r: calls.append(r is wm3))
del b
print(wm(), wm3(), calls, wm == wm2, wm == wm)


class Emitter:
    def __init__(self):
        self.handlers = []

    def connect(self, method):
        self.handlers.append(weakref.WeakMethod(method, self._dead))

    def _dead(self, r):
        print("handler gone")
        self.handlers.remove(r)

    def emit(self, x):
        return [h()(x) for h in self.handlers if h() is not None]


em = Emitter()
b1, b2 = Button("b1"), Button("b2")
em.connect(b1.click)
em.connect(b2.click)
print(em.emit("go"))
del b1
print(em.emit("again"), len(em.handlers))
del b2
print(em.emit("last"), len(em.handlers))


# The function dying (a method defined on an instance's class that goes away) also kills it.
def make():
    class Tmp:
        def m(self):
            return "tmp"
    return Tmp()


t = make()
wt = weakref.WeakMethod(t.m)
print(wt()())
del t
print(wt())
