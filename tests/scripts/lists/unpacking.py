a, b, c = [1, 2, 3]
print(a, b, c)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
x, *mid, y = range(5)
print(x, mid, y)
(p, q), r = [1, 2], 3
print(p, q, r)
a, b = b, a
print(a, b)
try:
    m, n = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    m, n, o = [1, 2]
except ValueError as e:
    print("ValueError:", e)
