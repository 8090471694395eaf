class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
Noisy("expression statement")
print("after expression statement")
print("attribute of temporary:", Noisy("temp").name)
n = len([Noisy("in list 1"), Noisy("in list 2")])
print("len was", n)
def make():
    return Noisy("discarded result")
make()
print("end")
