# The module's names and docstrings as CPython 3.11 shows them.
import atexit

print(sorted(n for n in dir(atexit) if not n.startswith("__")))
print(atexit.__name__, repr(atexit.__package__), atexit.__doc__.splitlines()[0])
print(atexit.register.__doc__.splitlines()[0])
print(atexit.unregister.__doc__.splitlines()[0])
print(type(atexit.register).__name__, atexit.register.__name__)
