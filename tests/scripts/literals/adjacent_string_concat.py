s = ("alpha "
     "beta "
     'gamma')
print(s)
print("a" "b" "c")
print(len("x" "y"))
msg = "value: " \
      "42"
print(msg)
