class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
d = {"k1": Noisy("v1"), "k2": Noisy("v2"), "k3": Noisy("v3")}
print("delete one key")
del d["k2"]
print("overwrite a value")
d["k1"] = Noisy("v1 replacement")
print("clear the dict")
d.clear()
d = {"a": Noisy("first"), "b": Noisy("second")}
print("drop the dict")
d = None
print("end")
