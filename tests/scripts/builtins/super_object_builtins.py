class Base:
    def greet(self):
        return "base"
class Child(Base):
    def greet(self):
        return "child+" + super().greet()
print(Child().greet())
o = object()
print(type(o).__name__, isinstance(o, object), isinstance(Child(), object))
try:
    o.attr = 1
except AttributeError as e:
    print("AttributeError:", e)
print(object.__name__, object().__class__ is object)
print(super(Child, Child()).greet())
