class Shape:
    sides = 0
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"
class Triangle(Shape):
    sides = 3
class Square(Shape):
    sides = 4
    def describe(self):
        return "square: " + super().describe()
for s in (Shape(), Triangle(), Square()):
    print(s.describe())
print(hasattr(Triangle, "describe"), "describe" in Triangle.__dict__, "describe" in Square.__dict__)
