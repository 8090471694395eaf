a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(a.issubset({1, 2, 3, 4, 5}), {1, 2} <= a, {1, 2} < a, a < a, a <= a)
print(a.issuperset({1}), a >= {9}, a.isdisjoint({7, 8}), a.isdisjoint(b))
c = set(a)
c |= {10}
c &= {1, 10, 3}
print(sorted(c))
c -= {1}
c ^= {3, 99}
print(sorted(c))
