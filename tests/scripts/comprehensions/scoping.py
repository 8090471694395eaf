x = "outer"
result = [x for x in range(3)]
print(result, x)
try:
    [y for y in range(2)]
    print(y)
except NameError as e:
    print("NameError:", e)
n = 10
print([n + i for i in range(3)])
def f():
    local = 5
    return [local * i for i in range(3)]
print(f())
