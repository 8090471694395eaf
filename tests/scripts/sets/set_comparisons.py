a = {1, 2}
print(a == {2, 1}, a != {1}, a < {1, 2, 3}, a > {1})
print({1, 2} <= {1, 2}, {3} > set(), set() < set())
print(sorted([{3}, {1}, {2}], key=min))
