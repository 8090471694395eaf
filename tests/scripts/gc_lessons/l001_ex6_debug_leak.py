# Lesson 001, example 6: gc.set_debug(gc.DEBUG_LEAK) then collect. With no garbage, gc.garbage
# stays [] and nothing is printed. With a cycle: DEBUG_COLLECTABLE writes one line per
# unreachable object through sys.stderr, "gc: collectable <TypeName 0xADDR>", and DEBUG_SAVEALL
# keeps the objects in gc.garbage instead of freeing them. sys.stderr is replaced by a recorder
# so the lines can be printed with the address normalised.
# Counts: 4 in 3.10 and Ouroboros (two instances + two __dict__s); CPython 3.11 says 2.
import gc, sys
class Recorder:
    def __init__(self):
        self.text = ""
    def write(self, s):
        self.text += s
        return len(s)
    def flush(self):
        pass
def show(rec):
    lines = rec.text.splitlines()
    print(len(lines), "stderr lines")
    for line in sorted(lines):
        head, sep, addr = line.rpartition(" 0x")
        print(" ", head, sep == " 0x" and addr.endswith(">"))
print(gc.DEBUG_LEAK, gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
rec = Recorder()
saved = sys.stderr
sys.stderr = rec
gc.set_debug(gc.DEBUG_LEAK)
# run code that may create cycles
n = gc.collect()
sys.stderr = saved
print(n)
print(gc.garbage)
print(gc.get_debug())
show(rec)
class MyClass:
    pass
obj1 = MyClass()
obj2 = MyClass()
obj1.other = obj2
obj2.other = obj1
rec = Recorder() # before the del: no allocation between the del and the collect
del obj1, obj2
sys.stderr = rec
n = gc.collect()
sys.stderr = saved
print(n)
show(rec)
print(sorted(type(o).__name__ for o in gc.garbage))
rec = Recorder()
sys.stderr = rec
n = gc.collect() # still in gc.garbage, hence reachable: nothing new
sys.stderr = saved
print(n)
show(rec)
gc.set_debug(0)
gc.garbage.clear() # the cycle is unreachable again
print(gc.collect())
print(gc.garbage)
