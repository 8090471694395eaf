class WithCall:
    def __call__(self):
        return "called"
class Without:
    pass
def fn():
    pass
cases = [("function", fn), ("builtin", len), ("instance with __call__", WithCall()),
         ("plain instance", Without()), ("class", WithCall), ("int", 1), ("str", "s"),
         ("lambda", lambda: 0), ("print", print), ("bound method", [].append), ("None", None)]
for label, obj in cases:
    print(label, callable(obj))
print(WithCall()())
