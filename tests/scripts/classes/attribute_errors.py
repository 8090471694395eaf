class Empty:
    pass
e = Empty()
try:
    e.missing
except AttributeError as err:
    print("AttributeError:", err)
try:
    del e.missing
except AttributeError as err:
    print("AttributeError:", err)
try:
    (5).value
except AttributeError as err:
    print("AttributeError:", err)
try:
    Empty.nothing
except AttributeError as err:
    print("AttributeError:", err)
