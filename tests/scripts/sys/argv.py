import sys
print(sys.argv)
print(len(sys.argv), sys.argv[0])
for a in sys.argv[1:]:
    print("arg:", a)
