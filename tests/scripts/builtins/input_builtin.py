name = input()
print("hello,", name)
second = input("prompt> ")
print("second line:", second)
try:
    input()
except EOFError:
    print("EOFError at end of input")
