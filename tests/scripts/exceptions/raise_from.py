class ConfigError(Exception):
    pass
def load():
    try:
        {}["path"]
    except KeyError as e:
        raise ConfigError("missing path") from e
try:
    load()
except ConfigError as e:
    print("error:", e)
    print("cause:", repr(e.__cause__))
    print("context:", repr(e.__context__))
    print("suppress_context:", e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("no cause") from None
except ValueError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
