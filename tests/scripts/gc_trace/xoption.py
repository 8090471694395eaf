# gcstress: timing-dependent
# ouro -X gctrace (NAME.opts) sets gc.DEBUG_TRACE from the start.
import gc
gc.disable()
print(gc.get_debug() == gc.DEBUG_TRACE)
gc.set_debug(0)
gc.collect(0)
gc.set_debug(gc.DEBUG_TRACE)
x = []
x.append(x)
del x
print("collected:", gc.collect(0))
gc.set_debug(0)
