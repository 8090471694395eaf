print(len("abc"), len([1, 2]), len((1,)), len({"a": 1}), len({1, 2, 3}), len(range(10)))
print(len(""), len([]), len(frozenset()), len(range(5, 0)))
class Sized:
    def __len__(self):
        return 7
print(len(Sized()))
try:
    len(5)
except TypeError as e:
    print("TypeError:", e)
