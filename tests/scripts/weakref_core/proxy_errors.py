# Errors of weakref.proxy and of the proxy types.
from _weakref import proxy, ProxyType, CallableProxyType

class C:
    pass

o = C()
for bad in (lambda: proxy(), lambda: proxy(o, None, 1), lambda: proxy(o, callback=None),
            lambda: proxy(1), lambda: proxy([]), lambda: ProxyType(), lambda: CallableProxyType(),
            lambda: type("X", (ProxyType,), {}), lambda: hash(proxy(o)), lambda: hash(proxy(C))):
    try:
        print(bad())
    except TypeError as ex:
        print("TypeError:", ex)
print(ProxyType.__name__, ProxyType.__module__, CallableProxyType.__qualname__)
print(proxy(o) is proxy(o), proxy(o, None) is proxy(o), proxy(o, print) is proxy(o, print))
