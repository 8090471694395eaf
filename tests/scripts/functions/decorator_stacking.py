def tag(name):
    def deco(fn):
        print("decorating", fn.__name__, "with", name)
        def wrapper():
            return f"<{name}>{fn()}</{name}>"
        wrapper.__name__ = fn.__name__
        return wrapper
    return deco
@tag("b")
@tag("i")
def text():
    return "hi"
print(text())
print(text.__name__)
