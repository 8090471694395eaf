# find_backref_chain / find_ref_chain: the shortest chain of references, printed as type
# names (and the dict keys / attributes that link them).
import objgraph


class Registry:
    def __init__(self):
        self.handlers = []


class Handler:
    def __init__(self, name):
        self.name = name


registry = Registry()
h = Handler('on_save')
registry.handlers.append(h)
h_id = id(h)
del h


def names(chain):
    return [type(o).__name__ for o in chain]


def main():
    # target is a local: frames are not on the referrer lists
    target = objgraph.at(h_id)
    chain = objgraph.find_backref_chain(target, objgraph.is_proper_module)
    print(names(chain))
    print(chain[0].__name__, chain[-1] is target, chain[-2] is registry.handlers)
    print(chain[3] is registry.__dict__, chain[2] is registry)

    chain = objgraph.find_backref_chain(target, objgraph.is_proper_module, max_depth=2)
    print(names(chain), chain[0] is target)
    chain = objgraph.find_backref_chain(target, lambda o: isinstance(o, Registry))
    print(names(chain))

    chain = objgraph.find_ref_chain(registry, lambda o: isinstance(o, Handler))
    print(names(chain), chain[-1] is target, chain[0] is registry)
    chain = objgraph.find_ref_chain(registry, lambda o: isinstance(o, Handler), max_depth=1)
    print(names(chain))
    # extra_ignore hides objects by id: without the handlers list there is no chain
    chain = objgraph.find_ref_chain(registry, lambda o: isinstance(o, Handler),
                                    extra_ignore=[id(registry.handlers)])
    print(names(chain))


main()
