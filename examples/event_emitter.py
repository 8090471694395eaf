# event_emitter.py - the classic observer leak: an emitter that keeps strong references to
# its listeners' bound methods keeps every listener alive. Then two "fixes": weakref.ref of
# a bound method (broken: it dies at once) and weakref.WeakMethod (works).
#
# Run:  ouro examples/event_emitter.py
#
# Golden recorded with CPython 3.11.
import gc
import weakref


class Widget:
    alive = 0

    def __init__(self, name):
        self.name = name
        Widget.alive += 1

    def on_event(self, what):
        print(f"  {self.name} got {what!r}")

    def __del__(self):
        Widget.alive -= 1


def section(title):
    print()
    print("==", title, "==")


gc.collect()

section("1. the leaking emitter")


class LeakyEmitter:
    def __init__(self):
        self.listeners = []

    def subscribe(self, callback):
        self.listeners.append(callback)

    def emit(self, what):
        for cb in self.listeners:
            cb(what)


bus = LeakyEmitter()
for i in range(3):
    w = Widget(f"widget{i}")
    bus.subscribe(w.on_event)  # the bound method holds a strong reference to w
del w
print("three widgets subscribed, then every name dropped. emit:")
bus.emit("click")
print("widgets alive:", Widget.alive, "<- the emitter keeps them all")
print("a bound method holds its object: bus.listeners[0].__self__.name ->",
      bus.listeners[0].__self__.name)
bus.listeners.clear()
print("after clearing the listeners, widgets alive:", Widget.alive)

section("2. the broken fix: weakref.ref of a bound method")


class BrokenEmitter:
    def __init__(self):
        self.listeners = []

    def subscribe(self, callback):
        self.listeners.append(weakref.ref(callback))

    def emit(self, what):
        for r in self.listeners:
            cb = r()
            if cb is None:
                print("  (a dead listener)")
            else:
                cb(what)


bus = BrokenEmitter()
w = Widget("kept")
bus.subscribe(w.on_event)
print("w is alive and subscribed. emit:")
bus.emit("click")
print("w.on_event creates a NEW bound method object on every access; the only reference")
print("to it was the argument, so it died at once, although w is alive")
print("w.on_event is w.on_event ->", w.on_event is w.on_event)
del w

section("3. the real fix: weakref.WeakMethod")


class Emitter:
    def __init__(self):
        self.listeners = []

    def subscribe(self, callback):
        self.listeners.append(weakref.WeakMethod(callback, self._forget))

    def _forget(self, ref):
        self.listeners.remove(ref)
        print("  (a listener died and unsubscribed itself)")

    def emit(self, what):
        for r in list(self.listeners):
            cb = r()
            if cb is not None:
                cb(what)


bus = Emitter()
a = Widget("a")
b = Widget("b")
bus.subscribe(a.on_event)
bus.subscribe(b.on_event)
print("a and b subscribed. emit:")
bus.emit("click")
print("del a:")
del a
print("listeners left:", len(bus.listeners), "/ widgets alive:", Widget.alive)
print("emit:")
bus.emit("scroll")
del b
print("after del b, widgets alive:", Widget.alive, "/ listeners:", len(bus.listeners))

section("4. listener objects in a weakref.WeakSet")
listeners = weakref.WeakSet()
c = Widget("c")
listeners.add(c)
print("WeakSet holds", len(listeners), "listener")
del c
print("after del c it holds", len(listeners))

section("What to remember")
print("- a bound method keeps its object alive: storing callbacks stores their owners")
print("- weakref.ref(obj.method) is dead immediately: bound methods are made on the fly")
print("- weakref.WeakMethod keeps a weak reference to the object and to the function")
