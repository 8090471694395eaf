# Lesson 003, Part 8, Pattern 4: a closure keeps the large object it captured alive.
# BigData stands in for the lesson's pandas DataFrame. In the fixed version CPython 3.11 frees
# the argument as soon as the callee drops it ("BigData freed" before "large_df cleared"), as
# the caller's stack no longer holds it; 3.10 freed it only when the call returned. 3.11 wins.
import gc
class BigData:
    def __init__(self, n):
        self.rows = [(k, k * k) for k in range(n)]
    def lookup(self, key):
        return self.rows[key][1]
    def to_dict(self):
        return dict(self.rows)
    def __del__(self):
        print("BigData freed")
def load_huge_dataframe():
    return BigData(1000)
def make_processor(large_df):
    def process(key):
        return large_df.lookup(key) # closure captures the entire DataFrame
    return process # large_df is held in process.__closure__
processor = make_processor(load_huge_dataframe())
print(processor(12))
cell = processor.__closure__[0]
print(type(cell).__name__, type(cell.cell_contents).__name__)
print(gc.is_tracked(cell), gc.get_referents(cell)[0] is cell.cell_contents)
print(gc.collect()) # nothing to collect: the closure is reachable
del cell
print("dropping the processor")
processor = None # only now is the BigData freed
print("---")
# Fix: extract only what you need before closing over it
def make_processor(large_df):
    lookup = large_df.to_dict() # small dict
    large_df = None # explicitly clear the reference before closure is returned
    print("large_df cleared")
    def process(key):
        return lookup.get(key) # captures small dict, not the DataFrame
    return process
processor = make_processor(load_huge_dataframe())
print(processor(12))
print(type(processor.__closure__[0].cell_contents).__name__)
print(gc.collect())
