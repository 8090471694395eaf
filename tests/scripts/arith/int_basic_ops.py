a, b = 17, 5
print(a + b, a - b, a * b)
print(a / b, a // b, a % b)
print(-a, +a, abs(-a))
print(a ** 2, b ** 0, 0 ** 0)
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2)
print(10 - 2 - 3, 100 // 10 // 3, 2 * 3 % 4)
