tests = ["abc", "ABC", "123", "abc123", "", " ", "\t\n", "a b", "12.5", "Ab"]
for t in tests:
    print(repr(t), t.isalpha(), t.isdigit(), t.isalnum(), t.isspace(), t.isdecimal(), t.isnumeric())
print("x_1".isidentifier(), "1x".isidentifier())
