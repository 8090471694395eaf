number = 42
number()
