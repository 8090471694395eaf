class Proxy:
    def __init__(self, target):
        self.target = target
    def __getattr__(self, name):
        print("__getattr__", name)
        return getattr(self.target, name)
class Target:
    color = "red"
    def hello(self):
        return "hello from target"
p = Proxy(Target())
print(p.color)
print(p.hello())
print(p.target.__class__.__name__)
class Dynamic:
    known = 1
    def __getattr__(self, name):
        if name.startswith("auto_"):
            return name[5:]
        raise AttributeError(name)
d = Dynamic()
print(d.known, d.auto_thing, hasattr(d, "auto_x"), hasattr(d, "other"))
