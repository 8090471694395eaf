class Plain:
    pass
a = Plain()
b = Plain()
print(a == a, a == b, a != b, a is not b)
print(hash(a) == hash(a), str(a) == repr(a))
print(type(a).__name__, a.__class__ is Plain, Plain.__name__)
print(isinstance(Plain, type), type(Plain).__name__, type(type).__name__)
print(Plain.__bases__ == (object,), object.__bases__)
