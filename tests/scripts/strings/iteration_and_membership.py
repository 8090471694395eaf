word = "banana"
for ch in word:
    print(ch, end="|")
print()
print(list("hey"), tuple("ab"), sorted("banana"))
print(set("aab") == {"a", "b"})
count = 0
for ch in word:
    if ch == "a":
        count += 1
print(count)
print([c.upper() for c in "xyz"])
print(list(reversed("abc")), "".join(reversed("abc")))
