class Root:
    def hello(self):
        print("Root.hello")
class Left(Root):
    def hello(self):
        print("Left.hello")
        super().hello()
class Right(Root):
    def hello(self):
        print("Right.hello")
        super().hello()
class Bottom(Left, Right):
    def hello(self):
        print("Bottom.hello")
        super().hello()
Bottom().hello()
print([k.__name__ for k in Bottom.__mro__])
