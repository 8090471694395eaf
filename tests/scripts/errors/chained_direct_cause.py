class AppError(Exception):
    pass
def load(d):
    try:
        d.pop("key")
    except KeyError as e:
        raise AppError("configuration incomplete") from e
load({})
