# Before finalizers run at exit, sys.stdout is reset to sys.__stdout__ (CPython's
# finalize_modules_delete_special), so a replaced stdout no longer sees their output.
import sys


class Upper:
    def write(self, s):
        return sys.__stdout__.write(s.upper())

    def flush(self):
        pass


class A:
    def __del__(self):
        print("del a")


a = A()
sys.stdout = Upper()
print("end")
