x = 3.14159265
n = 1234567
s = "abc"
print(f"{x:>10.3f}|")
print(f"{x:<10.2f}|")
print(f"{x:^10.1f}|")
print(f"{n:,}")
print(f"{n:>12,}|")
print(f"{x:.0f} {x:e} {x:.2e}")
print(f"{s:>6}|{s:<6}|{s:^7}|")
print(f"{s:*>6}|{s:-<6}|")
print(f"{n:08d} {-n:010d}")
print(f"{255:x} {255:X} {255:#b} {8:o}")
print(f"{0.5:%} {0.125:.1%}")
w = 8
p = 2
print(f"{x:{w}.{p}f}|")
