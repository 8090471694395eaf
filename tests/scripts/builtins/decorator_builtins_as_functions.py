class C:
    def _get(self):
        return self._v * 2
    def _set(self, v):
        self._v = v
    v = property(_get, _set)
    def plain(x):
        return x + 1
    plain = staticmethod(plain)
    def kind(cls):
        return cls.__name__
    kind = classmethod(kind)
c = C()
c.v = 21
print(c.v, C.plain(1), c.plain(2), C.kind(), c.kind())
print(type(C.__dict__["plain"]).__name__, type(C.__dict__["kind"]).__name__, type(C.__dict__["v"]).__name__)
