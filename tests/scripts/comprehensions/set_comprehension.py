print({x % 4 for x in range(20)})
print(sorted({w[0] for w in ["apple", "avocado", "banana", "cherry"]}))
print({abs(x) for x in [-2, -1, 0, 1, 2]})
