def gen():
    yield 1
    raise RuntimeError("generator broke")
for x in gen():
    print("got", x)
