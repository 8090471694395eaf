print(repr("ab".center(6)), repr("ab".center(7, "*")))
print(repr("ab".ljust(5)), repr("ab".rjust(5, ".")))
print("42".zfill(5), "-42".zfill(6), "+7".zfill(4), "abc".zfill(2))
print(repr("toolong".center(3)))
