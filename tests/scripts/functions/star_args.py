def total(*args):
    print(type(args).__name__, args)
    return sum(args)
print(total())
print(total(1, 2, 3))
nums = [4, 5]
print(total(*nums, 6, *range(2)))
def first_rest(first, *rest):
    return first, rest
print(first_rest(1), first_rest(1, 2, 3))
