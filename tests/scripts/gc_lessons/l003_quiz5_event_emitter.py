# Lesson 003, Question 5: bound methods in a listener list keep every Handler alive.
# 100 handlers instead of 10000 (the WeakMethod fix is l003_quiz5_weakmethod).
import gc
class EventEmitter:
    def __init__(self):
        self._listeners = []
    def add_listener(self, fn):
        self._listeners.append(fn)
    def emit(self, data):
        for fn in self._listeners:
            fn(data)
emitter = EventEmitter()
for _ in range(100):
    class Handler:
        def on_event(self, data): pass
    h = Handler()
    emitter.add_listener(h.on_event) # bound method holds strong ref to h
def live_handlers():
    return sum(1 for o in gc.get_objects() if type(o).__name__ == "Handler")
print(len(emitter._listeners))
emitter.emit("data")
print(live_handlers()) # all 100 retained via the listener list
h = None
print(live_handlers()) # still 100: the last one is also held by the emitter
print(emitter._listeners[0].__self__ is emitter._listeners[1].__self__)
print(type(emitter._listeners[0].__self__) is type(emitter._listeners[1].__self__))
emitter._listeners.clear()
print(live_handlers()) # the instances die at once; their classes (in cycles) wait for gc
gc.collect()
# Only the last class survives: the module global "Handler" still names it.
print(sum(1 for o in gc.get_objects() if isinstance(o, type) and o.__name__ == "Handler"))
