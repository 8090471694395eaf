data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list of", n)
values = iter(data)
while (v := next(values, None)) is not None:
    if v > 5:
        print("big", v)
squares = [y for x in data if (y := x * x) > 10]
print(squares, y)
def f():
    if (m := max(data)) == 9:
        return m
print(f())
