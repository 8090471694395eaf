print("first")
if True:
    print("last line has no newline")