# method_calls: instance method calls, attribute reads and writes, one subclass override.
class Counter:
    def __init__(self):
        self.value = 0

    def inc(self, by):
        self.value += by
        return self

    def get(self):
        return self.value


class ModCounter(Counter):
    def inc(self, by):
        self.value = (self.value + by) % 9973
        return self


def run(n):
    a = Counter()
    b = ModCounter()
    total = 0
    for i in range(n):
        a.inc(1)
        b.inc(i)
        total += a.get() & 7
        total += b.get() & 7
    return total + a.get() + b.get()

N = 2_000_000
print(f"method_calls {N}: checksum={run(N)}")
