print(str(42), str(-1.5), str(None), str(True), str([1, "a"]), str((1,)))
print(str({"a": [1, 2]}), str({1, 2}) in ("{1, 2}",))
print(repr([1, "a", 2.0]), repr(("x", None)))
print(str(1e100), str(1.0), str(10**20))
print(str(""), repr(str()))
nested = [1, [2, [3, ["four"]]], (5, {"six": 6})]
print(nested)
print(repr(nested) == str(nested))
