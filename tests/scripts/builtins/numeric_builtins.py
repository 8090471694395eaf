print(round(3.7), round(-3.5), round(2.5), round(9.995, 2), round(15, -1))
print(divmod(9, 4), divmod(-9, 4), divmod(9.0, 4))
print(pow(2, 8), pow(2, 8, 10), pow(4, 0.5), pow(2, -2))
print(abs(-3), max(1, 2.0), min(-0.0, 0))
