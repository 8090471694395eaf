# objgraph's counting functions on a controlled set of objects (objects=) and on the
# instances of a class this test creates (gc.get_objects()).
import objgraph


class Widget:
    pass


class Gadget:
    pass


widgets = [Widget() for i in range(3)]
gadgets = [Gadget(), Gadget()]
print(objgraph.count('Widget'), objgraph.count('Gadget'), objgraph.count('NoSuchType'))
print(objgraph.count('__main__.Widget'), objgraph.count('other.Widget'))
print(len(objgraph.by_type('Gadget')), objgraph.by_type('Gadget')[0] is gadgets[0]
      or objgraph.by_type('Gadget')[0] is gadgets[1])
print(type(objgraph.by_type('__main__.Widget')[0]).__name__)

objs = [1, 2, 'a', 'b', 'c', [], [], {}, (1,), widgets[0], widgets[1], 2.5]
print(sorted(objgraph.typestats(objs).items()))
print(sorted(objgraph.typestats(objs, shortnames=False).items()))
print(sorted(objgraph.typestats(objs, filter=lambda o: not isinstance(o, str)).items()))
print(objgraph.count('str', objs), objgraph.by_type('int', objs))
print(objgraph.most_common_types(limit=2, objects=objs))
print(len(objgraph.most_common_types(limit=None, objects=objs)))
objgraph.show_most_common_types(objects=objs)
print('--')
objgraph.show_most_common_types(limit=3, objects=objs, shortnames=False)
print('--')
objgraph.show_most_common_types(objects=widgets + gadgets + gadgets)
print(objgraph.is_proper_module(objgraph), objgraph.is_proper_module([]))
import sys
print(objgraph.is_proper_module(sys), objgraph.is_proper_module(objgraph.count))
print(objgraph.at(id(widgets)) is widgets, objgraph.at(id(widgets[0])) is widgets[0])
print(len(objgraph.at_addrs({id(widgets), id(gadgets), id(widgets[2])})))
