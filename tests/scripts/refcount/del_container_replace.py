class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
lst = [Noisy("a"), Noisy("b"), Noisy("c")]
print("replace element 1")
lst[1] = Noisy("b2")
print("replace slice")
lst[0:2] = [Noisy("n1")]
print("remove")
lst.remove(lst[0])
print("remaining", [o.name for o in lst])
lst = []
print("end")
