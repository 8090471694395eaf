try:
    try:
        raise ValueError("original")
    except ValueError:
        undefined_function_xyz()
except NameError as e:
    print("NameError:", e)
    print("context:", repr(e.__context__))
