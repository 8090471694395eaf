# Windows line ends (CRLF) and a lone CR are read as newlines, in code and in strings.
x = 1
if x:
    s = """a
b"""
    print(repr(s), \
          x)
y = [1,
     2]
print(y)
