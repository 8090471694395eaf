class Logged:
    def __setattr__(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("delattr", name)
        object.__delattr__(self, name)
o = Logged()
o.a = 1
o.b = o.a + 1
print(o.__dict__)
del o.a
print(o.__dict__)
