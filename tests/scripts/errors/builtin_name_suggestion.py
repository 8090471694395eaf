# Builtins are candidates too: a misspelt print gets its suggestion; so does a global.
values = [3, 1, 2]
print(sorted(values))
try:
    valeus
except NameError as e:
    print(e.name)
prnt
