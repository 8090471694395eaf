# Lesson 003, Part 8, Pattern 1, the fix: the class-level registry is a
# WeakValueDictionary, so each handler is freed when its request is done, and the registry
# still finds the handlers that are alive.
import gc
import weakref
class RequestHandler:
    _all_handlers = weakref.WeakValueDictionary()
    def __init__(self, request_id):
        self.request_id = request_id
        RequestHandler._all_handlers[request_id] = self
    # freed when no other references hold the handler
    def handle(self):
        return f"Handling {self.request_id}"
def live_handlers():
    return sum(1 for o in gc.get_objects() if type(o) is RequestHandler)
def serve(request_id):
    handler = RequestHandler(request_id)
    return handler.handle()
for request_id in range(100):
    last = serve(request_id)
print(last)
print(len(RequestHandler._all_handlers), live_handlers()) # nothing accumulates
# Handlers still in use are found through the registry.
active = [RequestHandler(i) for i in range(5)]
print(sorted(RequestHandler._all_handlers.keys()), live_handlers())
print(RequestHandler._all_handlers[3] is active[3])
print([type(r).__name__ for r in gc.get_referrers(active[0])]) # only the list: the registry is weak
del active[:2]
print(sorted(RequestHandler._all_handlers), live_handlers())
active = None
print(len(RequestHandler._all_handlers), live_handlers())
