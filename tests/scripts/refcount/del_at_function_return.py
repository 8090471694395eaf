class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
def work():
    a = Noisy("local a")
    b = Noisy("local b")
    keep = Noisy("returned")
    print("returning from work")
    return keep
r = work()
print("work() returned", r.name)
del r
def arg_only(obj):
    print("inside arg_only", obj.name)
arg_only(Noisy("temporary argument"))
print("after arg_only")
