# Lesson 003, Part 8, Pattern 1: a class-level container keeps every instance alive.
# (The WeakValueDictionary fix is l003_part8_weak_handlers; this test shows the leak and the
# plain fix of not storing instances in the class-level container.)
import gc
class RequestHandler:
    _all_handlers = [] # class-level - holds ALL instances ever created
    def __init__(self, request_id):
        self.request_id = request_id
        RequestHandler._all_handlers.append(self) # strong reference forever!
    def handle(self):
        return f"Handling {self.request_id}"
def live_handlers():
    return sum(1 for o in gc.get_objects() if type(o) is RequestHandler)
# In a web server: each request creates a RequestHandler
def serve(request_id):
    handler = RequestHandler(request_id)
    return handler.handle()
for request_id in range(100):
    last = serve(request_id)
print(last)
print(len(RequestHandler._all_handlers))
print(gc.collect()) # nothing to collect: the handlers are reachable, not garbage
print(live_handlers()) # all 100 still alive
referrers = gc.get_referrers(RequestHandler._all_handlers[0])
print([type(r).__name__ for r in referrers])
print(referrers[0] is RequestHandler._all_handlers)
del referrers
# Fix: don't keep them in the class-level container.
RequestHandler._all_handlers.clear()
print(live_handlers()) # freed at once by reference counting
print(gc.collect())
