big = 10 ** 25 + 7
for a, b in [(big, 3), (-big, 3), (big, -3), (-big, -3), (big, 10**12), (-big, 10**12 + 1)]:
    print(a // b, a % b)
print(divmod(-big, 7))
print((2**100) // (2**50), (2**100) % (2**50 - 1))
print(-(2**70) // 2**69, -(2**70) % 3)
