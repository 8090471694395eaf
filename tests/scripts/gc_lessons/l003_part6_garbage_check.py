# Lesson 003, Part 6 "Checking gc.garbage" and Common Mistake 1: gc.garbage stays empty in
# well-written code, even when cycles with __del__ were collected.
# The first collect() returns 4 in 3.10 and Ouroboros (two instances + two __dict__s); 3.11: 2.
import gc
print(gc.garbage) # should be [] in well-written code
print(type(gc.garbage).__name__)
def check():
    # If gc.garbage is non-empty, you have uncollectable objects
    if gc.garbage:
        print(f"WARNING: {len(gc.garbage)} uncollectable objects")
        for obj in gc.garbage:
            print(f" {type(obj).__name__}")
        # Decide: clear it (losing the objects) or investigate
        gc.garbage.clear()
    else:
        print("gc.garbage is empty")
class WithDel:
    def __del__(self):
        print("WithDel.__del__")
x = WithDel()
y = WithDel()
x.peer = y
y.peer = x
del x, y
# Right: force collection first
print(gc.collect())
if gc.garbage:
    print(f"Uncollectable objects: {len(gc.garbage)}")
check()
# The only way to fill gc.garbage from Python code: DEBUG_SAVEALL.
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL, gc.DEBUG_SAVEALL)
c = []
c.append(c)
del c
print(gc.collect())
check()
gc.set_debug(0)
print(gc.garbage)
print(gc.collect())
