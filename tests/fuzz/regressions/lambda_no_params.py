f = lambda: 0
g = lambda *, k: k
h = lambda *a, **k: 0
def d(*, x): pass
