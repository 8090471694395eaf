# gc.get_referrers(*objs): tracked objects (generations 0-2) that refer to any argument.
import gc

target = ["target"]
other = ["other"]
holder = [target]
mapping = {"k": target}
both = [target, other]
unrelated = [1, 2, 3]


class Box:
    pass


box = Box()
box.item = target

refs = gc.get_referrers(target)
print(type(refs).__name__)
print(any(r is holder for r in refs), any(r is mapping for r in refs),
      any(r is both for r in refs), any(r is unrelated for r in refs))
# The instance's attributes live in its __dict__ here (CPython 3.10's model), inline in
# the instance in 3.11: either way one of the two is found.
print(any(r is box or r is box.__dict__ for r in refs), any(r is globals() for r in refs))

# The result list is never among the referrers, even when it refers to the target.
loop = []
loop.append(loop)
res = gc.get_referrers(loop)
print(any(r is res for r in res), any(r is loop for r in res))

two = gc.get_referrers(target, other)
print(sum(1 for r in two if r is both), any(r is holder for r in two))

print(gc.get_referrers())

# Referrers that are frozen are not searched.
lonely = ["lonely"]
frozen_holder = [lonely]
gc.freeze()
print(any(r is frozen_holder for r in gc.get_referrers(lonely)))
gc.unfreeze()
print(any(r is frozen_holder for r in gc.get_referrers(lonely)))
