print(type(1), type("s"), type([]), type(None), type(type))
print(type(1) is int, type(True) is bool, type(1.0).__name__)
class C:
    pass
print(type(C()), type(C), type(C()) is C)
def f():
    pass
print(type(f).__name__, type(len).__name__, type(print).__name__)
print(type(x for x in []).__name__, type(range(1)).__name__, type({}.keys()).__name__)
