# differs: ouro lacks list.__class_getitem__ (and dict/tuple/set ones), so dir(list) differs and
# list[int] raises TypeError; CPython prints "list[int] True"
print(list[int], "__class_getitem__" in dir(list))
