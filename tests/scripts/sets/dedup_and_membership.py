words = ["b", "a", "b", "c", "a", "d"]
unique = set(words)
print(sorted(unique), len(unique))
seen = set()
order = []
for w in words:
    if w not in seen:
        seen.add(w)
        order.append(w)
print(order)
print(sorted(set("mississippi")))
