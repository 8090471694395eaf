try:
    try:
        raise KeyError("one")
    except KeyError:
        raise IndexError("two")
except IndexError as e:
    raise ValueError("three") from e
