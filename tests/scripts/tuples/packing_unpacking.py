point = 3, 4
x, y = point
print(x, y)
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([5, 2, 8])
print(lo, hi)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)
a, (b, (c, d)) = 1, (2, (3, 4))
print(a, b, c, d)
head, *tail = (1, 2, 3)
print(head, tail, type(tail).__name__)
