print([1, 2] * 3, [0] * 0, 3 * ["x"])
print([1] + [2, 3] + [])
a = [1, 2]
a *= 2
print(a)
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError:", e)
