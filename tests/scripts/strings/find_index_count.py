s = "the cat sat on the mat"
print(s.find("at"), s.find("at", 6), s.find("dog"), s.rfind("at"))
print(s.index("sat"), s.rindex("the"))
print(s.count("at"), s.count("the"), s.count(""), "aaaa".count("aa"))
print(s.startswith("the"), s.endswith("mat"), s.startswith(("a", "t")))
print(s.startswith("cat", 4), s.endswith("on", 0, 14))
try:
    s.index("dog")
except ValueError as e:
    print("ValueError:", e)
