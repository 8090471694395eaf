try:
    {}.pop("first")
except KeyError:
    [].pop()
