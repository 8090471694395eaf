def takes_one(x):
    return x
takes_one(1, 2)
