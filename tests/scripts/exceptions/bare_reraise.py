def inner():
    try:
        raise LookupError("original")
    except LookupError:
        print("inner handling, re-raising")
        raise
try:
    inner()
except LookupError as e:
    print("outer caught:", repr(e))
def reraise_as():
    try:
        int("x")
    except ValueError as e:
        err = e
    raise err
try:
    reraise_as()
except ValueError as e:
    print("re-raised stored:", e)
