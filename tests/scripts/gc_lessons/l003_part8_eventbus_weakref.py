# Lesson 003, Part 8, Pattern 2, the fix "use weakref for listener storage". As written it
# is broken: weakref.ref(self.handle_click) refers to a bound method object that nobody else
# holds, so it dies as soon as on() returns; its callback removes it at once and no widget
# ever hears a click. CPython's working fix is weakref.WeakMethod, which refers weakly to
# the instance and the function and rebuilds the bound method on each call.
import weakref
class EventBus:
    def __init__(self):
        self._listeners: dict[str, list[weakref.ref]] = {}
    def on(self, event_type, listener):
        ref = weakref.ref(listener, lambda r: self._remove_dead(event_type, r))
        self._listeners.setdefault(event_type, []).append(ref)
    def _remove_dead(self, event_type, ref):
        print("  removing a dead listener")
        if event_type in self._listeners:
            self._listeners[event_type] = [
                r for r in self._listeners[event_type] if r is not ref
            ]
    def emit(self, event_type, data):
        for ref in list(self._listeners.get(event_type, [])):
            listener = ref()
            if listener is not None:
                listener(data)
class Widget:
    def __init__(self, name, bus):
        self.name = name
        bus.on("click", self.handle_click)
    def handle_click(self, data):
        print(f"{self.name} clicked: {data}")
    def __del__(self):
        print(f"{self.name} freed")
print("lesson's fix, weakref.ref of a bound method:")
bus = EventBus()
w1 = Widget("button1", bus)
print("listeners:", len(bus._listeners["click"]))
bus.emit("click", "data") # nobody hears it
try:
    weakref.WeakMethod(print)
except TypeError as e:
    print("TypeError:", e)
print("with WeakMethod:")
class WeakMethodBus(EventBus):
    def on(self, event_type, listener):
        ref = weakref.WeakMethod(listener, lambda r: self._remove_dead(event_type, r))
        self._listeners.setdefault(event_type, []).append(ref)
bus2 = WeakMethodBus()
w2 = Widget("button2", bus2)
w3 = Widget("button3", bus2)
print("listeners:", len(bus2._listeners["click"]))
bus2.emit("click", "data")
m = bus2._listeners["click"][0]
print(m() == w2.handle_click, m() is m(), type(m).__name__, isinstance(m, weakref.ref))
del m
del w2 # the bus holds no strong reference: freed at once, listener removed
print("listeners:", len(bus2._listeners["click"]))
bus2.emit("click", "again")
del w1, w3
print("listeners left:", len(bus._listeners["click"]), len(bus2._listeners["click"]))
