s = "   padded\t\n"
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcHELLOcba".strip("abc"))
print("www.example.com".lstrip("w."), "file.txt...".rstrip("."))
print(repr("".strip()), repr("   ".strip()))
