# Callable proxies (functions, classes) and proxies to iterators.
from _weakref import proxy, CallableProxyType, ProxyType

def fn(a, b=2):
    return a + b

class K:
    pass

class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n

cp = proxy(fn)
print(type(cp) is CallableProxyType, cp(1), cp(1, b=5), cp.__name__)
kp = proxy(K)
print(type(kp).__name__, type(kp()).__name__)
itobj = It()
itp = proxy(itobj)
print(type(itp) is ProxyType, next(itp), list(itp))
itp_owner = K()
try:
    next(proxy(itp_owner))
except TypeError as e:
    print("TypeError:", e)
print(sorted(set(dir(CallableProxyType)) - set(dir(ProxyType))))
print(sorted(set(dir(ProxyType)) - set(dir(CallableProxyType))))
