# Lesson 003, Level 2 debug challenge: the three issues, observed.
# collect() counts are 3.10's and Ouroboros's (instance __dict__s are separate objects):
# 6 and 4, where CPython 3.11 says 5 and 2.
import gc
# Issue 1: GC disabled globally
gc.disable()
class RequestContext:
    _active = {}
    def __init__(self, request_id):
        self.request_id = request_id
        RequestContext._active[request_id] = self # strong reference in class dict
    def cleanup(self):
        del RequestContext._active[self.request_id]
for rid in range(5):
    ctx = RequestContext(rid)
    if rid % 2 == 0:
        ctx.cleanup()
del ctx
print(sorted(RequestContext._active)) # cleanup() not called -> still alive
# Issue 2: Cycle in callback
class DataPipeline:
    def __init__(self):
        self.transformers = []
        self.on_complete = None
    def add_transformer(self, fn):
        self.transformers.append(fn)
def make_pipeline():
    pipeline = DataPipeline()
    def completion_handler(result):
        pipeline.on_complete = None # references pipeline - creates cycle
    pipeline.on_complete = completion_handler # pipeline -> on_complete -> handler -> pipeline
    return pipeline
p = make_pipeline()
handler = p.on_complete
print(handler.__closure__[0].cell_contents is p)
del p, handler
# pipeline, its __dict__, its transformers list, the handler function, its closure tuple, the cell
print(gc.collect())
# Issue 3: Leaking __del__ objects in Python < 3.4 context
class LegacyResource:
    def __del__(self):
        print("LegacyResource.__del__")
a = LegacyResource()
b = LegacyResource()
a.ref = b
b.ref = a # cycle + __del__ - uncollectable in Python < 3.4 only
del a, b
print(gc.collect()) # collected since 3.4 (PEP 442)
print(gc.garbage)
gc.enable() # re-enable GC
for rid in list(RequestContext._active):
    RequestContext._active[rid].cleanup()
print(RequestContext._active)
