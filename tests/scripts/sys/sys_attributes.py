import sys
print(sys.maxsize, sys.maxsize == 2**63 - 1)
print(type(sys.argv).__name__, type(sys.maxsize).__name__)
print(sys.stdout is not None, sys.stderr is not sys.stdout)
print("sys" in sys.modules, type(sys.modules).__name__)
