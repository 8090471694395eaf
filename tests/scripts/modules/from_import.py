from math import sqrt, pi, floor as fl
from helper_shapes import Square, describe, UNIT
print(sqrt(2) ** 2 > 1.99, round(pi, 2), fl(3.9))
s = Square(UNIT * 2)
print(describe(s))
try:
    from helper_shapes import does_not_exist
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
    print(e.name)
