class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self, other):
        return f"{self.name} greets {other}"
g = Greeter("Ann")
m = g.greet
print(m("Bob"))
print(m.__self__ is g, m.__func__ is Greeter.greet)
print(Greeter.greet(g, "Cy"))
actions = [Greeter("X").greet, Greeter("Y").greet]
print([a("Z") for a in actions])
