class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
        self.extra = Leaf(name + ".extra")
    def __del__(self):
        print("free node", self.name)
class Leaf:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free leaf", self.name)
root = Node("root", Node("child", Node("grandchild")))
print("built tree")
del root
print("end")
