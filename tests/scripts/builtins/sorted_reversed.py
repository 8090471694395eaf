print(sorted([3, 1, 2]), sorted("cba"), sorted({5: 0, 1: 0}))
print(sorted([3, 1, 2], reverse=True))
print(sorted(["bb", "a", "ccc"], key=len, reverse=True))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))))
print(list(reversed((1, 2))))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 100
print(list(reversed(Seq())))
original = [2, 1]
copy = sorted(original)
print(original, copy)
