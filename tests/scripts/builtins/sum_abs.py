print(sum([1, 2, 3]), sum([]), sum(range(101)), sum([0.5, 0.25]))
print(sum([[1], [2, 3]], []), sum((1, 2), 10))
print(sum([True, True, 3]))
print(abs(-7), abs(3.5), abs(-0.0), abs(-10**30))
class Neg:
    def __abs__(self):
        return "abs called"
print(abs(Neg()))
try:
    sum(["a", "b"])
except TypeError as e:
    print("TypeError:", e)
