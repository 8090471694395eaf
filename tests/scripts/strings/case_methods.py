s = "hello World 42"
print(s.upper())
print(s.lower())
print(s.title())
print(s.capitalize())
print(s.swapcase())
print("ABC".isupper(), "abc".islower(), "Abc".isupper(), "123".isupper())
print("Hello World".istitle(), "hello".istitle())
