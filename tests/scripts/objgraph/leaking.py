# get_leaking_objects: the objects of a set that no other object of the set refers to.
import objgraph


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


a = Node('a')
b = Node('b')
c = Node('c')
a.next = b
b.next = c
objs = [a, b, c, a.__dict__, b.__dict__, c.__dict__]
roots = objgraph.get_leaking_objects(objs)
print([type(o).__name__ for o in roots], roots[0] is a)
c.next = a
print(objgraph.get_leaking_objects(objs))
print(objgraph.get_leaking_objects([[1], [2]]))
c.next = None
