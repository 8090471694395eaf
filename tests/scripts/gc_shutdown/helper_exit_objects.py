class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


a = A("helper plain")
b = A("helper cycle")
b.s = b
