for exc_type in (ZeroDivisionError, KeyError, IndexError, ValueError, TypeError, AttributeError, NameError, UnboundLocalError, StopIteration, RecursionError, NotImplementedError, AssertionError, OverflowError):
    print(exc_type.__name__, [c.__name__ for c in exc_type.__mro__[1:]])
print(issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, BaseException))
