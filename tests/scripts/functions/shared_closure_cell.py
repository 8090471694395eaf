def pair():
    value = 0
    def get():
        return value
    def set(v):
        nonlocal value
        value = v
    return get, set
get, set_ = pair()
print(get())
set_(7)
print(get())
g2, s2 = pair()
s2(99)
print(get(), g2())
def late_binding():
    fn = lambda: y
    y = "bound after lambda creation"
    return fn()
print(late_binding())
