print(isinstance(1, int), isinstance(1, float), isinstance(1.0, (int, float)))
print(isinstance("s", str), isinstance([], (tuple, list)), isinstance(None, type(None)))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, (str, object)))
class A: pass
class B(A): pass
print(isinstance(B(), A), issubclass(B, B), isinstance(B, type))
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError:", e)
