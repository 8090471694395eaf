# Giant ints and strings, impossible allocations, and the release of very long chains.
try:
    print(len(str(10**100000)))
except ValueError as e:
    print("ValueError:", e)
for make in (lambda: 'a' * (2**62), lambda: [0] * (2**62), lambda: (1,) * (2**61), lambda: 'xy' * (2**61)):
    try:
        make()
    except (MemoryError, OverflowError) as e:
        print(type(e).__name__)
s = 'ab' * 500000
print(len(s), len(s.upper()), s.find('ba', 999990), len(s.split('a')))
print(len(repr(10**4000)), (10**100000).bit_length())
l = []
for i in range(1000000):
    l = [l]
del l
print("freed lists")
d = {}
for i in range(300000):
    d = {i: d}
del d
print("freed dicts")
class N:
    def __init__(self, nxt):
        self.nxt = nxt
n = None
for i in range(1000000):
    n = N(n)
del n
print("freed objects")
