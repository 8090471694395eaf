# The class statement checks __slots__ as CPython 3.11 does.
sources = [
    "class W:\n    __slots__ = (1,)",
    "class W:\n    __slots__ = ('1a',)",
    "class W:\n    a = 1\n    __slots__ = ('a',)",
    "class W(int):\n    __slots__ = ('a',)",
    "class W(tuple):\n    __slots__ = ('a',)",
    "class V:\n    __slots__ = ('__dict__',)\nclass W(V):\n    __slots__ = ('__dict__',)",
    "class W:\n    __slots__ = ('__weakref__', '__weakref__')",
    "class A:\n    __slots__ = ('x',)\nclass B:\n    __slots__ = ('y',)\nclass C(A, B): pass",
    "class A:\n    __slots__ = ('x',)\nclass B: pass\nclass C(A, B): pass\nprint('C ok', C().__dict__)",
    "class W(str):\n    __slots__ = ()\nprint(repr(W('s')))",
    "class S:\n    __slots__ = ('a',)\nS.a.__get__(5, int)",
    "class S:\n    __slots__ = ('a',)\nS.a.__set__(5, 1)",
    "class S:\n    __slots__ = ('a',)\nprint(vars(S()))",
]
for src in sources:
    try:
        exec(src)
        print("ok")
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
