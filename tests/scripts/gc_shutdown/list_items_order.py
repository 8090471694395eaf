# At exit the items of a global list are finalized in list order, then a self-cycle
# defined after the list, as CPython 3.11 does.
class O:
    def __init__(self, n): self.n = n
    def __del__(self): print("__del__", self.n)
items = [O(i) for i in range(5)]
c = O("cyc"); c.me = c
print("end")
