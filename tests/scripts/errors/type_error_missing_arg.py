def needs_two(a, b):
    return a + b
needs_two(1)
