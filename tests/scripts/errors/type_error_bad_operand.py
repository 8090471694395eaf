value = 1
value += "one"
