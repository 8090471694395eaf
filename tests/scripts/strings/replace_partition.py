s = "one two one two one"
print(s.replace("one", "1"))
print(s.replace("one", "1", 2))
print(s.replace("x", "y"))
print("aaa".replace("a", "bb"))
print(s.partition(" "))
print(s.rpartition(" "))
print(s.partition("zzz"))
print(s.rpartition("zzz"))
