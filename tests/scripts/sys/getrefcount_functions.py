import sys
class Obj:
    pass
def f(o):
    return sys.getrefcount(o)
x = Obj()
print(f(x))
def g():
    local = Obj()
    return sys.getrefcount(local)
print(g())
def make_closure():
    captured = Obj()
    def inner():
        return captured
    return inner, sys.getrefcount(captured)
fn, rc = make_closure()
print(rc, sys.getrefcount(fn()))
