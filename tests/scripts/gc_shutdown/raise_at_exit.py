# A __del__ that raises at exit is reported on stderr ("Exception ignored in") and the
# teardown goes on. By then sys.modules is empty, so CPython shows no source lines.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)
        raise ValueError("bad %d" % self.n)


a = A(1)
b = A(2)
b.s = b
print("end")
