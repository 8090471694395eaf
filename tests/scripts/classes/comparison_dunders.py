class Version:
    def __init__(self, major, minor):
        self.t = (major, minor)
    def __lt__(self, other):
        return self.t < other.t
    def __le__(self, other):
        return self.t <= other.t
    def __eq__(self, other):
        return self.t == other.t
    def __repr__(self):
        return "v%d.%d" % self.t
vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), max(vs), min(vs))
print(Version(1, 0) < Version(1, 1), Version(2, 0) > Version(1, 9), Version(1, 1) >= Version(1, 1))
class OnlyEq:
    pass
try:
    OnlyEq() < OnlyEq()
except TypeError as e:
    print("TypeError:", e)
