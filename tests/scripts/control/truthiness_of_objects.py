class Box:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
class Plain:
    pass
for obj in (Box(0), Box(3), Flag(True), Flag(False), Plain()):
    if obj:
        print(type(obj).__name__, "truthy")
    else:
        print(type(obj).__name__, "falsy")
