x = "module"
def show():
    print("show sees", x)
def shadow():
    x = "local"
    print("shadow sees", x)
show()
shadow()
print("module still", x)
def unbound():
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x = "assigned later"
unbound()
def nested():
    y = "enclosing"
    def inner():
        return y
    y = "changed before call"
    return inner()
print(nested())
