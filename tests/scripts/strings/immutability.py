s = "hello"
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError:", e)
t = s
s += " world"
print(s, "|", t)
print(s.upper(), s)
