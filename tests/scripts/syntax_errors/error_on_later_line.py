def ok():
    return 1

print(ok())
total = ok() +* 2
