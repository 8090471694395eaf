# differs: ouro prints {} for both; CPython prints the annotations dicts (compiler/codegen: annotations are parsed but never stored)
def f(a: int, b: "str" = "x") -> list:
    pass
print(f.__annotations__)
class C:
    x: int = 1
print(C.__annotations__)
