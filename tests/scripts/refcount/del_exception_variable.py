class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
def f():
    try:
        raise ValueError(Noisy("payload"))
    except ValueError as e:
        print("handling", e.args[0].name)
    print("after except block")
f()
print("after f")
