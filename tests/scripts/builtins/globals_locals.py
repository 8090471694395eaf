alpha = 1
beta = "two"
g = globals()
print(g["alpha"], g["beta"], "gamma" in g)
g["gamma"] = 3
print(gamma)
print(globals() is g, __name__)
def f(x, y=2):
    z = x + y
    return locals()
print(f(1))
def g2():
    return sorted(k for k in globals() if not k.startswith("__"))
print(g2())
print(sorted(k for k in locals() if not k.startswith("__")) == g2())
