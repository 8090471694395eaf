def outer(n):
    total = 0
    for i in range(n):
        if i % 2 == 0:
            for j in range(i):
                if j > 1:
                    total += j
                else:
                    total -= 1
        else:
            total += 100
    return total

print(outer(6))
print(outer(0))
