import sys
first = sys.stdin.readline()
print("first:", repr(first))
rest = sys.stdin.read()
print("rest:", repr(rest))
print("eof:", repr(sys.stdin.readline()))
