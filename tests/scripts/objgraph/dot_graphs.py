# show_backrefs / show_refs write GraphViz text: node labels (type, short repr, refcount),
# edge labels (__dict__, attribute names via dict keys, list indexes), depth shading,
# the red __del__ marker, too_many cut-offs, highlight, filter and extra_info.
# Node ids are renamed n1, n2, ... by helper_dot; the driver masks " at 0x...".
import objgraph
from helper_dot import show


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []

    def __repr__(self):
        return 'Node(%s)' % self.name


class Finalized:
    def __del__(self):
        pass


def build():
    root = Node('root')
    for i in range(3):
        root.children.append(Node('kid%d' % i))
    return root


def main():
    root = build()
    kid = root.children[1]
    print('== show_refs, depth 2')
    show(objgraph.show_refs, [root], max_depth=2,
         filter=lambda o: not isinstance(o, type))
    print('== show_refs, too_many=2, refcounts')
    show(objgraph.show_refs, [root.children], max_depth=1, too_many=2, refcounts=True)
    print('== show_backrefs, highlight, extra_info')
    holder = {'key with spaces': kid, 7: kid}
    show(objgraph.show_backrefs, [kid], max_depth=2,
         filter=lambda o: o is not root.children or True,
         extra_ignore=[id(root)],
         highlight=lambda o: isinstance(o, dict),
         extra_info=lambda o: 'id-free')
    print('== __del__ marker, shortnames=False, extra_node_attrs')
    f = Finalized()
    show(objgraph.show_refs, [f], max_depth=0, shortnames=False,
         extra_node_attrs=lambda o: {'URL': 'x"y', 'tooltip': None})
    print('== lambdas, methods, builtins')
    things = [lambda: 0, root.__repr__, len, objgraph]
    show(objgraph.show_refs, [things], max_depth=1)
    del holder, things, f


main()
