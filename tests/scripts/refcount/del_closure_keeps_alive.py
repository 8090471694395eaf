class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
def make():
    captured = Noisy("captured")
    def get():
        return captured.name
    return get
fn = make()
print("make() returned; captured is still alive:", fn())
del fn
print("after del fn")
