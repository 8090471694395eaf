def area(w: float, h: float = 1.0) -> float:
    return w * h
print(area(2.0, 3.5), area(4))
count: int = 3
print(count)
def untyped(a, b: str):
    return b * a
print(untyped(2, "ab"))
