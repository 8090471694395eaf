a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x = y = z = 0
print(x, y, z)
lst = [0, 1]
i = 0
i, lst[i] = 1, 9
print(i, lst)
