def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for n in (-5, 0, 7, 42):
    print(n, classify(n))
x = 3
if x:
    print("truthy")
if not []:
    print("empty list is falsy")
print("yes" if x > 2 else "no", "yes" if x > 5 else "no")
