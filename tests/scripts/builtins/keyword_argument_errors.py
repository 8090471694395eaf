# Built-ins reject surplus keyword arguments with CPython's argument-clinic messages:
# the total is checked before the names, except for print(*args, ...).
def attempt(label, f):
    try:
        print(label, "->", f())
    except TypeError as e:
        print(label, "-> TypeError:", e)

attempt("sorted 3 kw", lambda: sorted([2, 1], key=None, reverse=False, x=1))
attempt("sorted bad kw", lambda: sorted([2, 1], x=1))
attempt("sorted reverse str", lambda: sorted([2, 1], reverse="yes"))
attempt("sorted reverse None", lambda: sorted([2, 1], reverse=None))
attempt("sorted reverse 1", lambda: sorted([1, 2], reverse=1))
attempt("sorted bad iterable", lambda: sorted(5, x=1))
attempt("list.sort 3 kw", lambda: [].sort(key=None, reverse=False, x=1))
attempt("split 3 args", lambda: "a b".split(" ", 1, x=3))
attempt("split bad kw", lambda: "a b".split(x=3))
attempt("round 3 args", lambda: round(1.5, ndigits=1, x=1))
attempt("enumerate 3", lambda: enumerate([], start=1, x=2))
attempt("min 3 kw", lambda: min([1], key=None, default=0, x=1))
attempt("print 5 kw", lambda: print(1, sep="", end="", file=None, flush=False, x=1))
attempt("print bad kw", lambda: print(1, x=1))
