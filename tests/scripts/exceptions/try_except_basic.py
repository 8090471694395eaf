def risky(n):
    if n == 0:
        raise ValueError("zero is not allowed")
    return 10 / n
for n in (2, 0):
    try:
        print("result", risky(n))
    except ValueError as e:
        print("caught:", e)
try:
    [][0]
except (KeyError, IndexError) as e:
    print("tuple of types caught", type(e).__name__)
try:
    {}["k"]
except LookupError as e:
    print("base class caught", type(e).__name__)
