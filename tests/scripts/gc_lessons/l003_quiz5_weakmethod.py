# Lesson 003, Question 5, the fix: the EventEmitter stores weakref.WeakMethod(fn), so each
# Handler is freed when the loop's `h` moves on, and emit() prunes the dead refs.
# 100 handlers instead of 10000.
import gc
import weakref
class EventEmitter:
    def __init__(self):
        self._listeners = []
    def add_listener(self, fn):
        # For bound methods: use WeakMethod
        self._listeners.append(weakref.WeakMethod(fn))
    def emit(self, data):
        live = []
        for ref in self._listeners:
            fn = ref()
            if fn is not None:
                fn(data)
                live.append(ref)
        self._listeners = live # prune dead refs
calls = []
emitter = EventEmitter()
for _ in range(100):
    class Handler:
        def on_event(self, data):
            calls.append(data)
    h = Handler()
    emitter.add_listener(h.on_event)
# Handlers are freed when the local 'h' goes out of scope each iteration
def live_handlers():
    return sum(1 for o in gc.get_objects() if type(o).__name__ == "Handler")
print(len(emitter._listeners), live_handlers()) # 100 refs, only the last handler alive
emitter.emit("data")
print(len(emitter._listeners), calls) # pruned to the one live handler
h = None
emitter.emit("more")
print(len(emitter._listeners), calls, live_handlers())
# The Handler classes are in cycles (a class refers to itself through its mro): the collector
# frees them, all but the last, which the global name Handler still holds.
gc.collect()
print(sum(1 for o in gc.get_objects() if isinstance(o, type) and o.__name__ == "Handler"))
