# An uncaught NameError offers the closest local, global or builtin name, as CPython 3.11.
total_count = 0
def average(values):
    total = 0
    for v in values:
        total += v
    totl
try:
    average([1, 2])
except NameError as e:
    print("caught:", e, "| name:", e.name)
average([1, 2, 3])
