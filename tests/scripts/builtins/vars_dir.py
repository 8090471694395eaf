class Thing:
    cls_attr = 1
    def __init__(self):
        self.b = 2
        self.a = 1
    def method(self):
        pass
t = Thing()
print(vars(t))
print(vars(t) is t.__dict__)
print([n for n in dir(t) if not n.startswith("__")])
print([n for n in dir(Thing) if not n.startswith("__")])
print("upper" in dir("s"), "append" in dir([]))
def f():
    local_a = 1
    local_b = 2
    return sorted(dir())
print(f())
