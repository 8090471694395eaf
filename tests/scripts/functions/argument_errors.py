def f(a, b):
    return a + b
try:
    f(1)
except TypeError as e:
    print(e)
try:
    f(1, 2, 3)
except TypeError as e:
    print(e)
try:
    f(1, b=2, c=3)
except TypeError as e:
    print(e)
try:
    f(1, 2, a=1)
except TypeError as e:
    print(e)
def g():
    pass
try:
    g(1)
except TypeError as e:
    print(e)
def h(x, y, z):
    pass
try:
    h()
except TypeError as e:
    print(e)
