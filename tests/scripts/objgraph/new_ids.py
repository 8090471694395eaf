# get_new_ids: the ids of objects created since the last call, by type; the printed table's
# columns. Only rows for this test's class are shown (the rest depends on the interpreter).
import objgraph
from helper_dot import Sink


class Item:
    pass


def table(**kw):
    sink = Sink()
    ids = objgraph.get_new_ids(file=sink, limit=None, **kw)
    lines = sink.text().splitlines()
    print(lines[1].split())
    for line in lines:
        if line.startswith('Item '):
            print(line.split())
    return ids


table()
items = [Item(), Item()]
ids = table()
print(len(ids['Item']), sorted(ids['Item']) == sorted(id(i) for i in items))
print(len(objgraph.at_addrs(ids['Item'])))
items.append(Item())
items.pop(0)
ids = table(sortby='new')
print(len(ids['Item']), ids['Item'] == {id(items[1])})
print(objgraph.get_new_ids(skip_update=True) is ids)
del ids
