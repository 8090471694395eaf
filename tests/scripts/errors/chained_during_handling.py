def parse(s):
    try:
        int(s)
    except ValueError:
        raise RuntimeError("could not parse input")
parse("abc")
