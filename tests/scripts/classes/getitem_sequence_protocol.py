class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i
print(list(Squares()))
for v in Squares():
    print(v, end=" ")
print()
print(9 in Squares(), 10 in Squares())
class Slicer:
    def __getitem__(self, key):
        return key
s = Slicer()
print(s[1], s[1:3], s[::2], s[1, 2], s["k"])
