# An uncaught exception: the traceback is printed first, then the handlers run; exit 1.
import atexit


def cleanup():
    print("cleanup ran")


atexit.register(cleanup)
print("raising")
raise RuntimeError("boom")
