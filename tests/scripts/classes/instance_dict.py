class Thing:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = "two"
t = Thing()
print(t.__dict__)
t.c = [3]
print(t.__dict__)
del t.a
print(t.__dict__)
t.__dict__["d"] = 4
print(t.d, sorted(vars(t)))
print("cls_attr" in t.__dict__, "cls_attr" in Thing.__dict__)
