# An object hung on the sys module is finalized only when sys itself is cleared, after
# sys.stdout became None: its print() is silently lost, as in CPython.
import sys


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


sys.keep = A("on sys")
a = A("global")
print("end")
