class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def describe(self):
        return f"{self.name} says {self.speak()}"
class Dog(Animal):
    def speak(self):
        return "Woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"
for a in (Animal("generic"), Dog("rex"), Puppy("bit")):
    print(a.describe())
print(isinstance(Puppy("p"), Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy))
print(Puppy.__bases__, Dog.__base__.__name__)
