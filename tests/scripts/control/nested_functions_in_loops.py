results = []
for i in range(3):
    def square(x=i):
        return x * x
    results.append(square())
print(results)
n = 0
while n < 3:
    if n % 2 == 0:
        print("even", n)
    else:
        print("odd", n)
    n += 1
