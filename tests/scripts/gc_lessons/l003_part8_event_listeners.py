# Lesson 003, Part 8, Pattern 2: event listeners hold bound methods, which hold the instance.
# (The lesson's weakref fix, and the WeakMethod version that works, are in
# l003_part8_eventbus_weakref; this test shows the leak and the fix of removing the listener.)
import gc
class EventBus:
    def __init__(self):
        self._listeners = {} # event_type -> list of listeners
    def on(self, event_type, listener):
        self._listeners.setdefault(event_type, []).append(listener)
    def off(self, event_type, listener):
        self._listeners[event_type].remove(listener)
    def emit(self, event_type, data):
        for listener in self._listeners.get(event_type, []):
            listener(data)
bus = EventBus()
class Widget:
    def __init__(self, name):
        self.name = name
        bus.on("click", self.handle_click) # bus holds strong ref to self.handle_click
    def handle_click(self, data):
        print(f"{self.name} clicked: {data}")
    def __del__(self):
        print(f"{self.name} freed")
# bus._listeners["click"] -> [Widget.handle_click] -> Widget
w1 = Widget("button1")
w2 = Widget("button2")
del w1 # does NOT free w1 - bus still holds a reference via bound method
print(gc.collect()) # not garbage either: the bus is reachable
bus.emit("click", "data")
listener = bus._listeners["click"][0]
print(type(listener).__name__, listener.__self__.name, listener.__func__ is Widget.handle_click)
print([type(r).__name__ for r in gc.get_referrers(listener.__self__)])
del listener
# Fix without weak references: remove the listener when the widget is done.
bus.off("click", bus._listeners["click"][0])
print("listener removed")
bus.emit("click", "again")
del w2 # still alive: its listener is registered
print("w2 deleted")
bus.off("click", bus._listeners["click"][0])
print(bus._listeners)
print("end")
