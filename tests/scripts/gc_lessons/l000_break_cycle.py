# Lesson 000, "Best Practice": SafeNode without __del__ and an explicit break_cycle().
# (The weakref.WeakValueDictionary cache of the same section is l000_weakref_cache.)
# The collect() count is 4 in 3.10 and Ouroboros (two instances + two __dict__s); 3.11 says 2.
import gc
def by_type(typename):
    return [o for o in gc.get_objects() if type(o).__name__ == typename]
class SafeNode:
    def __init__(self, name):
        self.name = name
        self.partner = None
    # No __del__ - rely on weak refs or explicit breakage
    def break_cycle(self):
        self.partner = None
gc.collect()
gc.disable()
a = SafeNode('a')
b = SafeNode('b')
a.partner = b
b.partner = a
a.break_cycle()
del a, b
print(len(by_type('SafeNode'))) # freed by reference counting alone
print(gc.collect()) # nothing left for the collector
a = SafeNode('a')
b = SafeNode('b')
a.partner = b
b.partner = a
del a, b # forgot break_cycle(): only the collector can free them
print(len(by_type('SafeNode')))
# Quick Fix (force collection)
print(gc.collect()) # runs a full collection pass
print(len(by_type('SafeNode')))
gc.enable()
