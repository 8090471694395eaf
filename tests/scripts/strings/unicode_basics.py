s = "héllo wörld"
print(s, len(s))
print(s.upper())
print(s[1], s[7], s[::-1])
print(ord("é"), chr(233), chr(8364), ord("€"))
print("€" * 3, len("€" * 3))
print("日本語".find("語"), len("日本語"))
print(repr("café"), "café".upper(), "ÉCOLE".lower())
