# Lesson 002, the gc part of shouldGoAway(): when an object that "should go away" survives,
# use gc.get_referrers() to find out who keeps it alive (the weak-reference check is
# l002_should_go_away; Timer and GraphViz are not tested). Only referrers that are module
# globals are printed (frames, cells and temporary lists of the interpreter itself may also
# show up), by name and in sorted order, never with addresses.
import gc
class DataStructure:
    def __init__(self, items):
        self.items = items
def global_name(obj):
    for k, v in globals().items():
        if v is obj:
            return k
    return None
def who_holds(obj):
    lines = []
    for r in gc.get_referrers(obj):
        if r is globals():
            lines.append("module global " + str(global_name(obj)))
        elif global_name(r) is not None:
            how = [k for k, v in r.items() if v is obj] if isinstance(r, dict) else \
                  [i for i, v in enumerate(r) if v is obj]
            lines.append(f"{type(r).__name__} {global_name(r)} at {how}")
    return sorted(lines)
cache = {"current": None}
history = []
def get_data():
    data = DataStructure([1, 2, 3])
    cache["current"] = data
    history.append(data)
    return data
def compute():
    data_structure = get_data()
    return len(data_structure.items)
print(compute())
# shouldGoAway(data_structure): it did not go away. Who holds it?
suspect = history[0]
for line in who_holds(suspect):
    print("held by", line)
print(who_holds(history))
history.clear()
print(who_holds(suspect))
cache["current"] = None
print(who_holds(suspect))
print(sum(1 for o in gc.get_objects() if type(o) is DataStructure))
del suspect
print(sum(1 for o in gc.get_objects() if type(o) is DataStructure))
