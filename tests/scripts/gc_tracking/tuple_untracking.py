# Tuples: a tuple whose items may be tracked is tracked; an exact tuple holding only atoms and
# untracked tuples is untracked. CPython untracks such a tuple at the first collection that
# sees it; Ouroboros decides when the tuple is built (docs/gc-tracking.md). So freshly built
# atom tuples print False here where CPython 3.11 prints True (hand-edited golden: lines
# marked "fresh"); after a collection every rule agrees.
import gc


def t(label, obj):
    print(f"{label:32} {gc.is_tracked(obj)}")


n = 5
t1 = (n, "s", None)
t("fresh (int, str, None)", t1)
t2 = tuple([1, 2.5, "x"])
t("fresh tuple([...])", t2)
t3 = ((1, 2), (3, (4, 5)))
t("fresh nested atoms", t3)
t4 = (1, [])
t("with a list", t4)
t5 = ((1, []),)
t("nested with a list", t5)
t6 = ({},)
t("with an empty dict", t6)
t7 = (1, (2, ([],)))
t("deep list", t7)
gc.collect()
t("(int, str, None) collected", t1)
t("tuple([...]) collected", t2)
t("nested atoms collected", t3)
t("with a list collected", t4)
t("nested with a list collected", t5)
# The empty dict is untracked by this collection, but tuples are examined before dicts:
# the tuple goes at the next collection.
t("with an empty dict collected", t6)
gc.collect()
t("... and once more", t6)
t("deep list collected", t7)


class TT(tuple):
    pass


tt = TT((1, 2))
gc.collect()
t("tuple subclass", tt)
t("empty tuple", ())

# An untracked tuple inside a new tuple does not make it tracked.
inner = (1, 2)
gc.collect()
outer = (inner, 3)
t("fresh tuple of untracked tuple", outer)
pairs = list(zip([1, 2], ["a", "b"]))
gc.collect()
print([gc.is_tracked(p) for p in pairs])
d = {1: "a"}
items = list(d.items())
gc.collect()
print([gc.is_tracked(p) for p in items])
