class CM:
    def __enter__(self):
        print("enter")
    def __exit__(self, *args):
        print("exit sees", args[0].__name__)
        return False
with CM():
    raise KeyError("inside with")
