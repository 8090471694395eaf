# Lesson 001, example 8: gc.set_threshold(5) changes only the first threshold.
import gc
print(gc.get_threshold())
gc.set_threshold(5)
print(gc.get_threshold())
# run code that may create cycles: with threshold 5 they are collected automatically, often
before = sum(s["collections"] for s in gc.get_stats())
cycles = 0
for i in range(200):
    a = []
    b = [a]
    a.append(b)
    cycles += 1
del a, b
print(cycles)
print(sum(s["collections"] for s in gc.get_stats()) - before >= 5)
n = gc.collect(); c = gc.get_count()
print(n >= 0, c)
gc.set_threshold(700)
print(gc.get_threshold())
