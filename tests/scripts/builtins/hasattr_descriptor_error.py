# hasattr() and getattr() with a default swallow an AttributeError raised by a descriptor
# (a property or an unset __slots__ member), but not other errors.
class Box:
    __slots__ = ("content",)
    @property
    def size(self):
        raise AttributeError("size unknown")
    @property
    def broken(self):
        raise ValueError("really broken")
b = Box()
print(hasattr(b, "content"), hasattr(b, "size"), getattr(b, "size", "default"))
b.content = 1
print(hasattr(b, "content"), getattr(b, "content", None))
try:
    hasattr(b, "broken")
except ValueError as e:
    print("ValueError:", e)
