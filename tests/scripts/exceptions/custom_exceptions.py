class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, name):
        super().__init__(f"{name} not found")
        self.name = name
class Invalid(AppError):
    def __str__(self):
        return "custom str for Invalid"
for exc in (NotFound("file.txt"), Invalid("x"), AppError("plain")):
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, "|", e, "|", e.args)
try:
    raise NotFound("user")
except NotFound as e:
    print(e.name, repr(e))
print(issubclass(NotFound, AppError), issubclass(AppError, Exception))
