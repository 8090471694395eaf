def nothing():
    return
def implicit():
    x = 1
def multiple():
    return 1, "two", [3]
def early(n):
    if n > 0:
        return "positive"
    return "non-positive"
print(nothing(), implicit(), multiple(), early(1), early(-1))
a, b, c = multiple()
print(a, b, c)
