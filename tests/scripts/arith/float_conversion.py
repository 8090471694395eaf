print(float("3.25"), float("-1e3"), float(" 2 "), float(5))
print(float("inf"), float("-Infinity"), float("nan"))
print(float(2**60), float(True))
try:
    float("x1")
except ValueError as e:
    print("ValueError:", e)
print(float("1_000.5"))
