it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "end"))
s = iter("ab")
print(next(s), next(s))
try:
    next(s)
except StopIteration:
    print("StopIteration")
d = iter({"x": 1, "y": 2})
print(list(d))
r = iter(range(3))
print(iter(r) is r)
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
calls = [3, 2, 1, 0, 5]
def pop_last():
    return calls.pop(0)
print(list(iter(pop_last, 0)))
