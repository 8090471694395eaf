words = ["apple", "bob", "kayak", "tree"]
print({w: len(w) for w in words})
print({w: w[::-1] for w in words if w == w[::-1]})
d = {"a": 1, "b": 2}
print({v: k for k, v in d.items()})
print({i: i ** 2 for i in range(5)})
print({(i, j): i * j for i in range(2) for j in range(2)})
