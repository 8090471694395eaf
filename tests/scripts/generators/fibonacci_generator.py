def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
g = fib()
print([next(g) for _ in range(15)])
for i, f in enumerate(fib()):
    if i == 100:
        print(f)
        break
