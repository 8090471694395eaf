try:
    import module_that_does_not_exist_anywhere
except ImportError as e:
    print(type(e).__name__, e)
    print(isinstance(e, ImportError))
