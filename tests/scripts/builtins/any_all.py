print(any([]), all([]))
print(any([0, "", None]), any([0, 1]), all([1, "a", [0]]), all([1, 0]))
print(any(x > 5 for x in range(10)), all(x < 10 for x in range(10)))
def noisy(v):
    print("check", v)
    return v
print(any(noisy(v) for v in [0, 1, 2]))
print(all(noisy(v) for v in [1, 0, 2]))
