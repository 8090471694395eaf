s = {3, 1, 2}
s.add(4)
s.add(1)
print(sorted(s), len(s), 2 in s, 9 in s)
s.remove(3)
s.discard(42)
print(sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError:", e)
print(s.pop() in {1, 2, 4}, len(s))
s.clear()
print(s, len(s))
