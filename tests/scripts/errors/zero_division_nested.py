def divide(a, b):
    a //= b
    print("quotient", a)
def average(values):
    divide(sum(values), len(values))
average([1, 2, 3])
average([])
