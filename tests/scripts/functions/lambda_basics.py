sq = lambda x: x * x
print(sq(7), (lambda a, b=2: a ** b)(3), (lambda *a: len(a))(1, 2, 3))
pairs = [(1, "b"), (2, "a")]
print(sorted(pairs, key=lambda p: p[1]))
print(list(map(lambda s: s.upper(), ["a", "b"])))
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print(sq.__name__, (lambda: 0).__name__)
