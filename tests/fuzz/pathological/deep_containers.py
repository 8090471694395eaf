l = []
for i in range(100000):
    l = [l]
try:
    repr(l)
except RecursionError as e:
    print("repr:", e)
try:
    str(l)
except RecursionError as e:
    print("str:", e)
m = []
for i in range(100000):
    m = [m]
try:
    print(l == m)
except RecursionError as e:
    print("eq:", e)
t = ()
for i in range(100000):
    t = (t,)
try:
    print(repr(t)[:5])
except RecursionError as e:
    print("tuple repr:", e)
d = {}
for i in range(100000):
    d = {1: d}
try:
    repr(d)
except RecursionError as e:
    print("dict repr:", e)
del l, m, t, d
print("done")
