# leakcheck: a cycle dies at the collection check() runs; an object captured by a closure
# stored in a module-level list of handlers survives (chain through the function and its
# cell); an object no root reaches within max_depth; no graphs when write_graphs=False.
import leakcheck


class Node:
    pass


def make_cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    leakcheck.should_go_away(a, 'cycle_a')


handlers = []


class Big:
    pass


def subscribe():
    big = Big()

    def on_event():
        return big
    handlers.append(on_event)
    leakcheck.should_go_away(big, 'big')


make_cycle()
subscribe()
print(leakcheck.check(write_graphs=False))

def nest():
    n = Node()
    x = n
    for i in range(5):
        x = [x]
    leakcheck.should_go_away(n, 'nested')
    return x


chain_root = nest()
print(leakcheck.check(max_depth=3, write_graphs=False))
leakcheck.should_go_away(chain_root[0][0][0][0][0], 'nested')
print(leakcheck.check(max_depth=8, write_graphs=False))
