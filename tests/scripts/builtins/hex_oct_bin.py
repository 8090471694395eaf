print(hex(255), hex(0), hex(-255), hex(2**64))
print(oct(8), oct(0), oct(-8))
print(bin(5), bin(0), bin(-5), bin(2**40))
print(int(hex(12345), 16), int(bin(99), 2), int(oct(77), 8))
try:
    hex(1.5)
except TypeError as e:
    print("TypeError:", e)
