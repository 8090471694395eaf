fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
adders = {k: (lambda x, k=k: x + k) for k in range(3)}
print([adders[k](10) for k in adders])
