# Every argument error of the gc module (gc-reference.md section 2.2), exact messages.
import gc


def check(text):
    try:
        result = eval(text)
    except Exception as e:
        print(text, "->", type(e).__name__ + ":", e)
    else:
        print(text, "=", repr(result))


for text in [
    "gc.enable(1)", "gc.disable(1)", "gc.isenabled(1)", "gc.enable(x=1)",
    "gc.collect(3)", "gc.collect(-1)", "gc.collect('x')", "gc.collect(1.0)",
    "gc.collect(0, 1)", "gc.collect(gen=0)", "gc.collect(0, generation=1)",
    "gc.collect(generation=1, x=2)", "gc.collect(2**40)", "gc.collect(-2**70)",
    "gc.set_debug()", "gc.set_debug('x')", "gc.set_debug(1, 2)", "gc.set_debug(flags=1)",
    "gc.set_debug(2**40)", "gc.set_debug(1.5)", "gc.get_debug(1)",
    "gc.get_objects(3)", "gc.get_objects(-2)", "gc.get_objects('x')", "gc.get_objects(1.0)",
    "gc.get_objects(2**70)", "gc.get_objects(-2**70)", "gc.get_objects(1, 2)",
    "gc.get_objects(gen=1)", "gc.get_objects(generation=5)",
    "gc.get_stats(1)", "gc.get_stats(x=1)", "gc.get_count(1)", "gc.get_threshold(1)",
    "gc.set_threshold()", "gc.set_threshold(1, 2, 3, 4)", "gc.set_threshold('a')",
    "gc.set_threshold(1.0)", "gc.set_threshold(x=1)", "gc.set_threshold(2**40)",
    "gc.set_threshold(-2**40)", "gc.set_threshold(2**70)",
    "gc.get_referrers(x=1)", "gc.get_referents(x=1)",
    "gc.is_tracked()", "gc.is_tracked(1, 2)", "gc.is_tracked(x=1)",
    "gc.is_finalized()", "gc.is_finalized(1, 2)",
    "gc.freeze(1)", "gc.unfreeze(1)", "gc.get_freeze_count(1)",
]:
    check(text)

# A failing set_threshold keeps what it converted before the bad argument (CPython's
# PyArg_ParseTuple stores as it goes).
check("gc.set_threshold(5, 'x')")
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
