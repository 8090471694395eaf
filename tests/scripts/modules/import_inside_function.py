def compute():
    import math
    return math.factorial(6)
print(compute())
try:
    math
except NameError as e:
    print("NameError:", e)
def lazy():
    from helper_shapes import Square
    return Square(2).area()
print(lazy())
