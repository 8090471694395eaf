# OSError(errno, msg) picks the subclass CPython maps that errno to (Linux numbers).
for e in [10, 32, 11, 104, 111, 103, 3, 4, 2, 17, 13, 99999]:
    x = OSError(e, "msg")
    print(e, type(x).__name__, [c.__name__ for c in type(x).__mro__][1:-3])
print(issubclass(BrokenPipeError, ConnectionError), str(ChildProcessError(10, "No child processes")))
try:
    raise ProcessLookupError(3, "No such process")
except OSError as err:
    print(type(err).__name__, err.errno, err.strerror)
