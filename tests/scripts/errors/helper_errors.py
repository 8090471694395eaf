class HelperError(Exception):
    pass
def fail_deep():
    inner()
def inner():
    raise HelperError("raised in helper module")
