def nothing():
    pass
class Empty:
    pass
for _ in range(2):
    pass
if True:
    pass
else:
    pass
print(nothing(), type(Empty()).__name__)
def only_docstring():
    "docstring only"
print(only_docstring())
