print(int(), float(), bool())
print(int(7.9), int("  -12 "), int("1f", 16), int(False))
print(float(3), float("1.25"), float(" -inf "))
print(bool(0), bool(42), bool(""), bool("0"), bool([]), bool([0]), bool(None))
class Num:
    def __int__(self):
        return 5
    def __float__(self):
        return 2.5
    def __index__(self):
        return 3
n = Num()
print(int(n), float(n), [10, 20, 30, 40][n], bin(n))
