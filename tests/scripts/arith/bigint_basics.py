a = 2 ** 64
print(a, a - 1, a + 1)
print(a * a)
print(-a, abs(-a))
b = 12345678901234567890123456789
print(b * 987654321987654321)
print(b + b - b)
print(a // 3, a % 3)
print(type(a).__name__, a > 2**63, a == 18446744073709551616)
