x = 1
def __dir__():
    return ["zeta", "alpha"]
