d = {"present": 1}
try:
    d["absent"]
except KeyError as e:
    print("KeyError:", e, repr(e), e.args)
try:
    del d["gone"]
except KeyError as e:
    print("KeyError:", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    d[("a", 1)]
except KeyError as e:
    print("KeyError:", e)
