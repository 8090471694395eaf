a = 1; b = 2; c = a + b
print(a, b, c)
if c == 3: print("one-line if"); print("second statement")
for i in range(3): print(i, end=" ")
print()
x = 5;
print(x)
