class Noisy:
    def __init__(self, name):
        self.name = name
        print("create", name)
    def __del__(self):
        print("free", self.name)
a = Noisy("a")
b = a
print("deleting first name")
del a
print("deleting second name")
del b
print("end of script")
