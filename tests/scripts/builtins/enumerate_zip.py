for i, ch in enumerate("abc"):
    print(i, ch)
print(list(enumerate(["x", "y"], start=10)))
print(list(zip([1, 2, 3], "abcd")))
print(list(zip()))
print(list(zip(range(3), range(10, 13), range(20, 23))))
names = ["a", "b"]
ages = [1, 2]
print(dict(zip(names, ages)))
pairs = [(1, "one"), (2, "two")]
nums, words = zip(*pairs)
print(nums, words)
e = enumerate("xy")
print(next(e), type(e).__name__)
