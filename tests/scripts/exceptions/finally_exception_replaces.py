try:
    try:
        raise ValueError("first")
    finally:
        raise KeyError("from finally")
except KeyError as e:
    print("caught", repr(e), "context", repr(e.__context__))
