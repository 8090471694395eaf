print("before class")
class Config:
    print("executing class body")
    values = [1, 2, 3]
    total = sum(values)
    def method(self):
        return self.total
    print("end of class body, total =", total)
print("after class", Config.total, Config().method())
