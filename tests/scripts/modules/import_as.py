import math as m
import sys as system
import helper_shapes as shapes
print(m.pi == 3.141592653589793, m.ceil(1.2))
import sys
print(system is sys, system.maxsize == sys.maxsize)
sq = shapes.Square(3)
print(sq.area(), shapes.describe(sq))
print(shapes.__name__)
