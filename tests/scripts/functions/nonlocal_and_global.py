x = "global x"
def outer():
    x = "outer x"
    def inner():
        nonlocal x
        x = "modified by inner"
    inner()
    print(x)
outer()
print(x)
def set_global():
    global x
    x = "set by function"
set_global()
print(x)
def read_global():
    return x
print(read_global())
def new_global():
    global created_later
    created_later = 42
new_global()
print(created_later)
