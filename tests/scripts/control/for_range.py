for i in range(3):
    print(i, end=" ")
print()
for i in range(2, 10, 3):
    print(i, end=" ")
print()
for i in range(10, 0, -4):
    print(i, end=" ")
print()
for i in range(0):
    print("never")
r = range(1, 20, 2)
print(r, len(r), r[3], r[-1], 7 in r, 8 in r, list(r[2:5]))
print(list(range(-3, 3)), list(range(5, 0, -1)))
