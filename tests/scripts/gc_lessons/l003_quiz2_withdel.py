# Lesson 003, Question 2: __del__ of objects in a cycle runs during gc.collect(), once each.
import gc
class WithDel:
    def __del__(self):
        print("deleted")
a = WithDel()
b = WithDel()
a.ref = b
b.ref = a
del a, b
print("before collect")
gc.collect()
print("after collect")
