s = "abcdefgh"
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[5:], s[:], s[-3:])
print(s[::2], s[1::2], s[::-1], s[6:2:-1], s[-1:-4:-1])
print(s[100:], s[-100:2], s[3:1], repr(s[5:5]))
print(s[1:7:3], s[::-3])
try:
    s[8]
except IndexError as e:
    print("IndexError:", e)
