class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            print("suppressing", exc_type.__name__, exc)
            return True
        return False
with Suppress(KeyError, IndexError):
    {}["nope"]
    print("not reached")
print("after first with")
with Suppress(ZeroDivisionError) as value:
    print("value is", value)
try:
    with Suppress(KeyError):
        raise TypeError("not suppressed")
except TypeError as e:
    print("escaped:", e)
