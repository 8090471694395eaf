import sys
try:
    sys.exit(None)
except SystemExit as e:
    print("code", e.code)
try:
    sys.exit(7)
except SystemExit as e:
    print("code", e.code, e.args)
try:
    raise SystemExit("text")
except SystemExit as e:
    print("code", repr(e.code))
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
sys.exit(True)
