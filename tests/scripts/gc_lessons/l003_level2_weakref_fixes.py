# Lesson 003, Level 2 debug challenge, the solution's three fixes: a WeakValueDictionary of
# active contexts, a completion handler that reaches the pipeline through weakref.ref (no
# cycle), and weakref.finalize with a static cleanup instead of __del__.
# The collector stays disabled as in the challenge, to show that no fix needs it.
import gc
import weakref
gc.disable()
# Fix 1
class RequestContext:
    _active = weakref.WeakValueDictionary() # instances freed when no other refs exist
    def __init__(self, request_id):
        self.request_id = request_id
        RequestContext._active[request_id] = self
def handle(rid):
    ctx = RequestContext(rid)
    return sorted(RequestContext._active)
print([handle(rid) for rid in range(3)]) # each context gone once its request is handled
print(len(RequestContext._active))
keep = RequestContext(7)
print(sorted(RequestContext._active), RequestContext._active[7] is keep)
del keep
print(len(RequestContext._active))
# Fix 2
class DataPipeline:
    def __init__(self):
        self.transformers = []
        self.on_complete = None
    def add_transformer(self, fn):
        self.transformers.append(fn)
    def __del__(self):
        print("DataPipeline freed")
def make_pipeline():
    pipeline = DataPipeline()
    pipeline_ref = weakref.ref(pipeline)
    def completion_handler(result):
        p = pipeline_ref()
        if p is not None:
            p.on_complete = None # no cycle - weakref doesn't count
    pipeline.on_complete = completion_handler
    return pipeline
p = make_pipeline()
handler = p.on_complete
handler("done")
print(p.on_complete)
p.on_complete = handler
del p # refcounting alone frees it, handler still alive
handler("late") # the pipeline is gone: nothing happens
del handler
# Fix 3
class LegacyResource:
    def __init__(self, name):
        self.name = name
        # Use weakref.finalize instead of __del__
        self._finalizer = weakref.finalize(self, self.__class__._cleanup, name)
    @staticmethod
    def _cleanup(name):
        print("cleanup", name) # cleanup logic here - not a method, so no strong ref to self
a = LegacyResource("a")
b = LegacyResource("b")
a.ref = b
b.ref = a
fa = a._finalizer
del a, b
print("before collect:", fa.alive)
gc.enable() # the cycle still needs the collector; the finalizers run during it
gc.collect()
print("after collect:", fa.alive, gc.garbage)
