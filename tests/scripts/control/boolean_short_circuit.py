def t(label):
    print("eval", label)
    return True
def f(label):
    print("eval", label)
    return False
print(f("a") and t("b"))
print(t("c") or f("d"))
print(f("e") or t("f") and f("g"))
print(0 or "" or [] or "last")
print(1 and "x" and [0])
print(None or 0, [] and 1)
print(not 0, not "a")
