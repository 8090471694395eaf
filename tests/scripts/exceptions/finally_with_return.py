def f():
    try:
        return "from try"
    finally:
        print("finally runs before return")
print(f())
def g():
    try:
        return "try"
    finally:
        return "finally wins"
print(g())
def h():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("finally in loop", i)
    return i
print(h())
def k():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed by return in finally"
print(k())
