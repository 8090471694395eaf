# A finalizer that stores self in a global at exit: each __del__ runs once, and the
# resurrected objects are freed silently later.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)
        keep.append(self)


keep = []
a = A(1)
b = A(2)
b.me = b
print("end")
