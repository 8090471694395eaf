print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0))
print(abs(-2**100), abs(True))
print(-(-3), +(-3), ~0, ~-1, ~7)
print(-0, -0.0)
