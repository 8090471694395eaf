class Pizza:
    count = 0
    def __init__(self, toppings):
        self.toppings = toppings
        Pizza.count += 1
    @classmethod
    def margherita(cls):
        return cls(["tomato", "mozzarella"])
    @staticmethod
    def area(r):
        return round(3.14159 * r * r, 2)
    @classmethod
    def how_many(cls):
        return f"{cls.__name__}: {cls.count}"
class BigPizza(Pizza):
    pass
p = Pizza.margherita()
print(p.toppings, Pizza.area(10), p.area(1))
b = BigPizza.margherita()
print(type(b).__name__, BigPizza.how_many(), Pizza.how_many())
