class Thing:
    def __init__(self, n):
        self.n = n
        self.check()
    def check(self):
        if self.n > 1:
            raise TypeError("n too large")
Thing(1)
Thing(2)
