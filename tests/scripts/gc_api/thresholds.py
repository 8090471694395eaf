# get_threshold / set_threshold: defaults, partial updates, odd values accepted.
import gc

print(gc.get_threshold())
gc.set_threshold(1000)
print(gc.get_threshold())
gc.set_threshold(1000, 15)
print(gc.get_threshold())
gc.set_threshold(100, 5, 7)
print(gc.get_threshold())
gc.set_threshold(-5, -1, 0)
print(gc.get_threshold())
gc.set_threshold(True)
print(gc.get_threshold())


class Index:
    def __index__(self):
        return 3


gc.set_threshold(Index(), Index())
print(gc.get_threshold())
print(gc.set_threshold(700, 10, 10))
print(gc.get_threshold())

# threshold0 == 0 disables automatic collection: count keeps climbing.
gc.collect()
gc.set_threshold(0)
junk = [[] for i in range(2000)]
print(gc.get_count()[0] >= 2000)
gc.set_threshold(700)
del junk
gc.collect()
print(gc.get_count())
