# hello.py - a short tour of what Ouroboros runs.
# Run it with:  build/ouro examples/hello.py

class Greeter:
    """Greets people and remembers how many times it did."""

    def __init__(self, greeting):
        self.greeting = greeting
        self.count = 0

    def greet(self, name):
        self.count += 1
        return f"{self.greeting}, {name}!"

    def __repr__(self):
        return f"Greeter({self.greeting!r}, count={self.count})"


class Balloon:
    """Prints when reference counting frees it."""

    def __init__(self, colour):
        self.colour = colour
        print(f"  a {colour} balloon is inflated")

    def __del__(self):
        print(f"  pop! the {self.colour} balloon is gone")


def make_counter(start=0):
    """A closure: `count` lives on in the returned function."""
    count = start

    def step():
        nonlocal count
        count += 1
        return count

    return step


def squares(limit):
    """A generator: values are computed one at a time."""
    n = 1
    while n * n <= limit:
        yield n * n
        n += 1


hello = Greeter("Hello")
for who in ["world", "Ouroboros", "refcounting"]:
    print(hello.greet(who))
print(hello)

tick = make_counter(10)
print("counter:", tick(), tick(), tick())

languages = {"Python": 1991, "Lua": 1993, "Ouroboros": 2025}
for name, year in languages.items():
    print(f"{name:>10} | {year}")
oldest = min(languages, key=languages.get)
print(f"oldest: {oldest}, total years: {sum(languages.values()):,}")

print("squares up to 50:", list(squares(50)))
print("sum of squares up to 1000:", sum(squares(1000)))

print("balloons:")
red = Balloon("red")
blue = Balloon("blue")
also_red = red
del red
print("  (red still has a name, so it floats)")
del also_red
blue = None
print("done - the last line, and every balloon has popped")
