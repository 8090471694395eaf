counter = 0
def next_default():
    global counter
    counter += 1
    print("computing default", counter)
    return counter
def f(x=next_default()):
    return x
print(f(), f(), f(10))
print(counter)
