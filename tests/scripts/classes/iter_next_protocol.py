class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)))
for i in Countdown(2):
    print("tick", i)
c = Countdown(2)
print(next(c), next(c), next(c, "done"))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(self.n))
r = Range2(3)
print(list(r), list(r), sum(r), 2 in r)
