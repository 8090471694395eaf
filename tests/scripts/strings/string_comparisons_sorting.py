words = ["pear", "Apple", "banana", "apple", "Banana", "cherry"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
print(min(words), max(words))
print("a" * 3 < "b", "abc" == "abc", "abc" != "abd")
