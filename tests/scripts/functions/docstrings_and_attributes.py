def documented(x):
    """Return x doubled."""
    return 2 * x
print(documented.__doc__)
print(documented.__name__)
def undocumented():
    pass
print(undocumented.__doc__)
documented.custom = "attribute on a function"
print(documented.custom)
print(documented.__qualname__)
class K:
    def method(self):
        pass
print(K.method.__qualname__, K.method.__name__)
