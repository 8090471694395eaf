print("before exit")
exit(3)
print("never printed")
