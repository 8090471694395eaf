a = "foo"
b = "bar"
print(a + b, a * 3, 2 * b, "-" * 0 == "")
print(a < b, a > b, "abc" < "abd", "ab" < "abc", "Z" < "a")
print(a == "foo", a != "foo", "a" in "cat", "dog" not in "cat")
print("" in "abc", "ca" in "cat")
print(len(a + b), len(""))
