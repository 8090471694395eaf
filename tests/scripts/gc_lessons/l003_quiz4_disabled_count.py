# Lesson 003, Question 4: garbage waits in generation 0 while the collector is disabled.
# The lesson's first count is "approximately (4, 0, 0)": it depends on what else was allocated,
# so only a lower bound is printed. collect() returns 4 in 3.10 and Ouroboros (two instances +
# two __dict__s); CPython 3.11 says 2.
import gc
gc.collect()
gc.disable()
class Node:
    def __init__(self): self.next = None
a = Node()
b = Node()
a.next = b
b.next = a
del a, b
c = gc.get_count()
print(c[0] >= 4, c[1:]) # ?
count = gc.collect()
c = gc.get_count()
print(count)
print(c) # ?
gc.enable()
