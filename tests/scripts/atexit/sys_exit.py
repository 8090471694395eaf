# sys.exit() still runs the handlers; the exit status is the SystemExit's.
import atexit
import sys


def bye(code):
    print("bye, exiting with", code)


atexit.register(bye, 4)
print("exiting")
sys.exit(4)
print("not reached")
