# A proxy forwards every operation to its live referent.
from _weakref import proxy, ProxyType

class V:
    def __init__(self, v): self.v = v
    def __repr__(self): return "V(%r)" % self.v
    def __str__(self): return "V=%s" % self.v
    def __add__(self, o): return V(self.v + o)
    def __radd__(self, o): return V(o + self.v)
    def __sub__(self, o): return V(self.v - o)
    def __rsub__(self, o): return V(o - self.v)
    def __mul__(self, o): return V(self.v * o)
    def __truediv__(self, o): return V(self.v / o)
    def __floordiv__(self, o): return V(self.v // o)
    def __mod__(self, o): return V(self.v % o)
    def __pow__(self, o): return V(self.v ** o)
    def __lshift__(self, o): return V(self.v << o)
    def __rshift__(self, o): return V(self.v >> o)
    def __and__(self, o): return V(self.v & o)
    def __or__(self, o): return V(self.v | o)
    def __xor__(self, o): return V(self.v ^ o)
    def __matmul__(self, o): return "matmul"
    def __divmod__(self, o): return ("divmod", self.v, o)
    def __rdivmod__(self, o): return ("rdivmod", o, self.v)
    def __iadd__(self, o):
        self.v += o
        return self
    def __neg__(self): return V(-self.v)
    def __pos__(self): return V(+self.v)
    def __abs__(self): return V(abs(self.v))
    def __invert__(self): return V(~self.v)
    def __int__(self): return int(self.v)
    def __float__(self): return float(self.v)
    def __index__(self): return int(self.v)
    def __bool__(self): return bool(self.v)
    def __len__(self): return 3
    def __getitem__(self, k): return ("item", k)
    def __setitem__(self, k, val): print("setitem", k, val)
    def __delitem__(self, k): print("delitem", k)
    def __contains__(self, k): return k == 7
    def __iter__(self): return iter([1, 2, 3])
    def __eq__(self, o): return isinstance(o, V) and self.v == o.v
    def __lt__(self, o): return self.v < o.v
    __hash__ = object.__hash__
    def __bytes__(self): return "bytes!"
    def __reversed__(self): return iter("rev")
    def meth(self, x): return ("meth", self.v, x)

o = V(5)
p = proxy(o)
print(type(p) is ProxyType, type(p).__name__, proxy(o) is p)
print(p.v, p.meth(1), p.__class__.__name__)
p.w = 9
print(o.w)
del p.w
print(hasattr(o, "w"))
print(str(p), p + 1, 1 + p, p - 1, 10 - p, p * 2, p / 2, p // 2, p % 3, p ** 2, p << 1, p >> 1)
print(p & 4, p | 2, p ^ 1, p @ 1, divmod(p, 2), divmod(2, p), -p, +p, abs(p), ~p)
print(int(p), float(p), bool(p), len(p), p[1], 7 in p, 8 in p, list(p), [0, 1, 2, 3, 4, 5, 6][p])
p[1] = 2
del p[3]
o2 = V(5)
print(p == o, p == V(5), p != o, p < V(6), p == p, proxy(o2) == p)
print(p.__bytes__(), list(p.__reversed__()))
q = p
q += 3
print(o.v, type(q).__name__)
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
