# Refcount death: every weakref is cleared first, then the callbacks run, newest first.
from _weakref import ref, proxy, getweakrefcount

class A:
    pass

a = A()
log = []
r1 = ref(a, lambda w: log.append(("cb1", w is r1, w(), r2(), r3())))
r2 = ref(a, lambda w: log.append(("cb2", w is r2, w())))
p = proxy(a, lambda w: log.append(("proxy cb", w is p)))
r3 = ref(a, lambda w: log.append(("cb3", w is r3, w())))
plain = ref(a)
del a
for entry in log:
    print(entry)
print(plain(), r1(), getweakrefcount(r1))
b = A()
refs = [ref(b, lambda w, i=i: print("callback", i)) for i in range(5)]
del b
