# RecursionError says where the limit was hit, as CPython's C-level guards do: a call of a
# builtin or of an object with __call__, repr(), or a comparison.
import sys
class A:
    def __repr__(self):
        return repr(self)
class C:
    def __eq__(self, o):
        return self == o
class D:
    def __call__(self):
        return self()
class G:
    def __repr__(self):
        return repr([self])
def f(n):
    return f(n + 1)
cases = [("repr", lambda: repr(A())), ("eq", lambda: C() == C()), ("call", lambda: D()()),
         ("repr of list", lambda: repr(G())), ("python only", lambda: f(0))]
for limit in (1000, 100, 101, 102, 103):
    sys.setrecursionlimit(limit)
    for name, case in cases:
        try:
            case()
        except RecursionError as e:
            print(limit, name, "->", e)
# Recovered: ordinary calls work again at full depth.
sys.setrecursionlimit(1000)
print(repr([1, [2, [3]]]), C.__eq__ is not None)
try:
    repr(A())
except RecursionError as e:
    print("top level:", e)
