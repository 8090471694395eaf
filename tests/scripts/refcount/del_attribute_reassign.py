class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
class Holder:
    pass
h = Holder()
h.slot = Noisy("old")
print("reassign attribute")
h.slot = Noisy("new")
print("delete attribute")
del h.slot
print("attribute deleted")
h.other = Noisy("owned by holder")
print("drop holder")
del h
print("end")
