print(ord("A"), chr(65), ord(chr(9731)) == 9731)
print([chr(c) for c in range(97, 102)])
print("".join(chr(ord(c) ^ 32) for c in "Hello"))
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("")
except TypeError as e:
    print("TypeError:", e)
