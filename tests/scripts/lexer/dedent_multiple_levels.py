for a in range(2):
    for b in range(2):
        for c in range(2):
            if c:
                print(a, b, c)
print("after all loops")
def f():
    if True:
        if True:
            return "deep"
print(f())
