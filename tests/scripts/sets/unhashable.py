try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    set([{}])
except TypeError as e:
    print("TypeError:", e)
s = {(1, 2), (1, 2), (2, 1)}
print(sorted(s))
