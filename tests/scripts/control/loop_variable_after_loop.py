for i in range(5):
    pass
print(i)
for ch in "abc":
    last = ch
print(ch, last)
k = "unchanged"
for k in []:
    pass
print(k)
