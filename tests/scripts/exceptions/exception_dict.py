class AppError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code

e = AppError("bad", 42)
print(e.__dict__, e.args)
v = ValueError("plain")
print(v.__dict__)
v.note = "added"
print(v.__dict__, v.note)
