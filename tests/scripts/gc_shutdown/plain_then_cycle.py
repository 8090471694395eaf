# A plain global and a global in a self-cycle: both finalized after the script's output,
# in the order of the module's globals.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


a = A(1)
b = A(2)
b.s = b
print("end")
