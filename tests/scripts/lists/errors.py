a = [1, 2, 3]
try:
    a[3]
except IndexError as e:
    print("IndexError:", e)
try:
    a[-4] = 0
except IndexError as e:
    print("IndexError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    a.remove(42)
except ValueError as e:
    print("ValueError:", e)
try:
    a.index(42)
except ValueError as e:
    print("ValueError:", e)
try:
    a["0"]
except TypeError as e:
    print("TypeError:", e)
