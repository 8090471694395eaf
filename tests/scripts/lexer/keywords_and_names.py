_private = 1
__dunder_like = 2
name2 = 3
CamelCase = 4
print(_private, __dunder_like, name2, CamelCase)
print(True and not False, None is None, 1 in [1], 2 not in [1])
if_ = "if_ is a valid name"
print(if_)
class_ = 5
print(class_)
