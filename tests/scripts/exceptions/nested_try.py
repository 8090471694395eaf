def level(n):
    try:
        if n == 0:
            raise IndexError("bottom")
        level(n - 1)
    except KeyError:
        print("never: wrong type at level", n)
    finally:
        print("unwinding level", n)
try:
    level(3)
except IndexError as e:
    print("caught at top:", e)
