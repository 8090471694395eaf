fns = []
for i in range(3):
    fns.append(lambda: i)
print([f() for f in fns])
fns = [lambda: j for j in range(3)]
print([f() for f in fns])
fns = [lambda j=j: j for j in range(3)]
print([f() for f in fns])
def make(i):
    return lambda: i
fns = [make(i) for i in range(3)]
print([f() for f in fns])
