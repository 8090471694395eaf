class Obj:
    cls_level = "class"
o = Obj()
setattr(o, "name", "dynamic")
print(getattr(o, "name"), o.name, hasattr(o, "name"))
print(getattr(o, "missing", "fallback"), hasattr(o, "missing"))
print(getattr(o, "cls_level"), getattr(Obj, "cls_level"))
delattr(o, "name")
print(hasattr(o, "name"))
try:
    getattr(o, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(o, "missing")
except AttributeError as e:
    print("AttributeError:", e)
attr = "x" + "y"
setattr(Obj, attr, 123)
print(o.xy, getattr(len, "__name__"))
