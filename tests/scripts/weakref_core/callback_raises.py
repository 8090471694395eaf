# A callback that raises is reported ("Exception ignored in: <callback>"); the others run.
from _weakref import ref

class A:
    pass

def bad(w):
    raise ValueError("boom in callback")

z = A()
rz1 = ref(z, lambda w: print("the oldest callback runs last"))
rz2 = ref(z, bad)
rz3 = ref(z, lambda w: print("the newest callback runs first"))
del z
print("after the raising callback")
