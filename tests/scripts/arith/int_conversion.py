print(int("123"), int("-45"), int("  7  "), int("+8"))
print(int("ff", 16), int("0xff", 16), int("777", 8), int("1010", 2), int("z", 36))
print(int("0b101", 0), int("0o17", 0), int("99", 0))
print(int(3.99), int(-3.99), int(1e20))
print(int("1_000"), int(True))
for bad in ("abc", "1.5", "", "12a"):
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
