d = {"self": None}
d["self"] = d
print(d)
lst = [1]
lst.append(lst)
print(lst)
print({"a": [1, {"b": (2, 3)}], 4: "four"})
