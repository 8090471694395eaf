x = 10
y = 0
print("dividing")
x /= y
