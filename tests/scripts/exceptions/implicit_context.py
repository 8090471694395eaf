try:
    try:
        raise KeyError("first")
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print(repr(e), "context:", repr(e.__context__), "cause:", e.__cause__)
try:
    raise TypeError("standalone")
except TypeError as e:
    print(e.__context__, e.__cause__)
