x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
print(3 < 2 < 1, 1 <= 1 <= 1, 0 < 1 != 2)
print(1 < 2 < 3 < 4 < 5, 1 < 2 > 1 < 2)
def noisy(v):
    print("eval", v)
    return v
print(noisy(1) < noisy(0) < noisy(5))
print(noisy(1) < noisy(2) < noisy(3))
