n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n =", n)
total = 0
i = 10
while i:
    total += i
    i -= 1
print(total)
while True:
    n -= 1
    if n < 2:
        break
print("broke at", n)
