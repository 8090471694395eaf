# sys.exit(3): finalizers still run at exit, and the status is kept.
import sys


class A:
    def __del__(self):
        print("del A")


a = A()
a.me = a
sys.exit(3)
