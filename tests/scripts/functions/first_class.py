def apply(fn, *args):
    return fn(*args)
def add(a, b):
    return a + b
ops = {"add": add, "mul": lambda a, b: a * b, "max": max}
for name in ops:
    print(name, apply(ops[name], 6, 7))
fns = [len, str.upper, abs]
print([f for f in map(lambda f: f.__name__, fns)])
print(callable(add), callable(ops), add.__name__)
