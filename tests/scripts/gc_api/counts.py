# gc.get_count() right after collections of each generation: (0, c1 + 1, c2) after
# collect(0), (0, 0, c2 + 1) after collect(1), (0, 0, 0) after collect(2).
import gc

gc.disable()
gc.collect()
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(1)
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(1)
print(gc.get_count())
gc.collect(2)
print(gc.get_count())
gc.enable()
