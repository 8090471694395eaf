# CPython: "RecursionError: maximum recursion depth exceeded while calling a Python object"; ouro omits " while calling a Python object" (vm: recursion entered through a slot called by a builtin).
class A:
    def __repr__(self):
        return repr(self)
repr(A())
