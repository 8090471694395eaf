a = [5, 2, 9, 1, 5, 6]
a.sort()
print(a)
a.sort(reverse=True)
print(a)
a.reverse()
print(a)
words = ["kiwi", "fig", "banana", "apple"]
words.sort(key=len)
print(words)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
print(sorted(pairs))
print(sorted(pairs, key=lambda p: p[1]))
print(sorted([3, 1, 2]), sorted((3, 1, 2), reverse=True))
print(a.sort())
