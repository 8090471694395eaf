def boom(x):
    if x == 2:
        raise ValueError("bad element")
    return x
[
    boom(v)
    for v in range(4)
]
