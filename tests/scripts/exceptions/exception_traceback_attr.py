try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb is not None, tb.tb_lineno)
e2 = ValueError("never raised")
print(e2.__traceback__)
