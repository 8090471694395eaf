class CM:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        print("enter", self.tag)
        return self.tag
    def __exit__(self, *exc):
        print("exit", self.tag, exc[0])
def f():
    with CM("in-func") as t:
        return "returned " + t
print(f())
for i in range(3):
    with CM(i):
        if i == 1:
            break
        continue
print("done")
