# Argument and attribute errors of weakref.ref, with CPython's messages.
from _weakref import ref, proxy

class C:
    pass

x = C()
r = ref(x)
def attempt(f):
    try:
        print(f())
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)

attempt(lambda: r(1))
attempt(lambda: r(x=1))
attempt(lambda: ref())
attempt(lambda: ref(x, None, 3))
attempt(lambda: ref(x, callback=None))
attempt(lambda: ref(obj=x))
attempt(lambda: r.__init__())
attempt(lambda: r.__init__(x, None, 1))
attempt(lambda: ref.__new__(ref))
attempt(lambda: ref.__new__(int, x))
attempt(lambda: setattr(r, "__callback__", 1))
attempt(lambda: delattr(r, "__callback__"))
attempt(lambda: r.foo)
attempt(lambda: setattr(r, "foo", 1))
attempt(lambda: ref(1))
attempt(lambda: ref([]))
attempt(lambda: ref(r))
attempt(lambda: ref(proxy(x)))
attempt(lambda: ref(len).__weakref__)
print(ref.__name__, ref.__qualname__, ref.__module__, ref.__mro__)
