print(min(3, 1, 2), max(3, 1, 2), min([5, 4]), max("hello"))
print(min("apple", "fig", key=len), max(["a", "bbb", "cc"], key=len))
print(min([], default="empty"), max([], default=None))
print(max([(1, "b"), (1, "a"), (0, "z")]))
print(min(2.5, 3), max(-1, -1.5), max(True, 0))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
print(max([1, 3, 3, 2], key=lambda v: v // 2))
