# refcount_del_timing.py - __del__ runs the moment the last reference goes.
# No collector pass is needed for objects that are not in a cycle.


class Resource:
    def __init__(self, name):
        self.name = name
        print(f"open  {name}")

    def __del__(self):
        print(f"close {self.name}")


print("1. del of the only name")
r = Resource("A")
del r

print("2. rebinding a name frees the old object after the new one exists")
r = Resource("B")
r = Resource("C")
r = None

print("3. a local dies when its function returns")


def work():
    tmp = Resource("D")
    print("   working with", tmp.name)


work()
print("   back from work()")

print("4. a temporary dies as soon as it has been used (before print runs)")
print("   name was", Resource("E").name)

print("5. a list frees its items last-to-first when it is cleared")
items = [Resource("F1"), Resource("F2"), Resource("F3")]
items.clear()

print("6. a dict frees its values in insertion order")
d = {"x": Resource("G1"), "y": Resource("G2")}
d = {}
print("end")
