# At exit, __del__ runs for every object still alive, in CPython's order: the globals of
# __main__ in dict order (cyclic or not), then what they hold (a list item, a function's
# attribute, a class attribute). print() still works in these finalizers.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


b = A(2)
b.me = b
a = A(1)
lst = [A(3)]


def f():
    pass


f.attr = A(4)


class K:
    x = A(5)


c = A(6)
_u = A(7)
print("end of script")
