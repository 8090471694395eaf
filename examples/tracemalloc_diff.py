# tracemalloc_diff.py - finding WHERE memory grows: tracemalloc records the source line of
# every allocation; two snapshots compared by line point at the code that leaks.
#
# Run:  ouro examples/tracemalloc_diff.py
#
# Sizes depend on the interpreter (ouro's objects are not CPython's, and ouro allocates a
# list's item array apart from the traced object), so only the counts and the lines match
# what CPython 3.11 reports; this golden was checked by hand against ouro's object sizes.
import gc
import os
import tracemalloc

HERE = os.path.dirname(__file__) if __file__ != os.path.basename(__file__) else ""


def short(stat):
    # "examples/tracemalloc_diff.py:40: size=..." -> "tracemalloc_diff.py:40: size=..."
    text = str(stat)
    return text[len(HERE) + 1:] if HERE and text.startswith(HERE + "/") else text


class Event:
    def __init__(self, kind, payload):
        self.kind = kind
        self.payload = payload


history = []  # the leak: every event is kept here forever


def handle(kind):
    event = Event(kind, {"kind": kind})
    history.append(event)
    summary = {"seen": True}  # garbage as soon as the function returns
    return len(summary)


def ours(snapshot):
    # Keep only the allocations made by lines of this file.
    return snapshot.filter_traces([tracemalloc.Filter(True, __file__)])


def section(title):
    print()
    print("==", title, "==")


gc.collect()
tracemalloc.start()

section("1. two snapshots around 1000 calls")
before = ours(tracemalloc.take_snapshot())
for i in range(1000):
    handle("click")
after = ours(tracemalloc.take_snapshot())
with open(__file__) as f:
    source = f.read().split("\n")
print("growth by source line, biggest first:")
for stat in after.compare_to(before, "lineno")[:3]:
    print("  ", short(stat))
    print("      that line is:", source[stat.traceback[0].lineno - 1].strip())
print("(self.kind = kind is the first attribute write: it creates the Event's __dict__)")
print("the summary dict made in handle() is not there: it was freed when handle() returned")

section("2. where exactly was one object allocated?")
tb = tracemalloc.get_object_traceback(history[0].payload)
frame = tb[0]
print("history[0].payload was allocated at line", frame.lineno, "of",
      os.path.basename(frame.filename))

section("3. the fix, and the same measurement")
history.clear()
gc.collect()
before = ours(tracemalloc.take_snapshot())
for i in range(1000):
    event = Event("click", {"kind": "click"})
    del event  # handled and dropped
after = ours(tracemalloc.take_snapshot())
growth = [s for s in after.compare_to(before, "lineno") if s.count_diff > 0]
print("lines that grew by more than 10 blocks:", [s for s in growth if s.count_diff > 10])

section("4. current and peak traced memory")
tracemalloc.reset_peak()
current, peak = tracemalloc.get_traced_memory()
big = [Event("tmp", None) for i in range(1000)]
_, peak_with_big = tracemalloc.get_traced_memory()
del big
now, peak_after = tracemalloc.get_traced_memory()
print("the peak rose while 1000 temporary events existed:", peak_with_big > peak)
print("after del, current memory went back down:", now < peak_with_big)
print("and the peak remembers the high-water mark:", peak_after >= peak_with_big)
tracemalloc.stop()
print("tracemalloc.is_tracing() ->", tracemalloc.is_tracing())

section("What to remember")
print("- tracemalloc.start(), then take_snapshot() before and after the suspect code")
print("- after.compare_to(before, 'lineno') lists the lines whose memory grew")
print("- filter_traces with tracemalloc.Filter keeps the report on your own files")
