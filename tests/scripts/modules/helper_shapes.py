UNIT = 1
class Square:
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side * self.side
def describe(shape):
    return f"{type(shape).__name__} of side {shape.side} and area {shape.area()}"
