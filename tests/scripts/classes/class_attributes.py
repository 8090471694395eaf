class Counter:
    instances = 0
    kind = "counter"
    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances
a = Counter()
b = Counter()
print(Counter.instances, a.instances, a.id, b.id)
a.kind = "shadowed"
print(a.kind, b.kind, Counter.kind)
del a.kind
print(a.kind)
Counter.kind = "changed on class"
print(a.kind, b.kind)
