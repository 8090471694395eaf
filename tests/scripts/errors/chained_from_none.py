try:
    {}["x"]
except KeyError:
    raise ValueError("context suppressed") from None
