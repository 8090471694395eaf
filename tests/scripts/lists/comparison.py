print([1, 2] == [1, 2], [1, 2] != [2, 1])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99])
print([] < [0], [[1]] == [[1]], [1, "a"] == [1, "a"])
print(max([[1, 2], [1, 3], [0, 9]]))
try:
    [1] < ["a"]
except TypeError as e:
    print("TypeError:", e)
