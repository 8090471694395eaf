def shout(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__)
        result = fn(*args, **kwargs)
        return str(result).upper()
    return wrapper
@shout
def hello(name):
    return "hello " + name
print(hello("world"))
print(hello.__name__)
def repeat(times):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(times)]
        return wrapper
    return deco
@repeat(3)
def one():
    return 1
print(one())
