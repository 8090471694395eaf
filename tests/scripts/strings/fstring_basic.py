name = "World"
n = 3
print(f"Hello, {name}!")
print(f"{n} + {n} = {n + n}")
print(f"{name.upper()} {len(name)} {name[::-1]}")
print(f"{'nested quotes'}")
print(f"{{braces}} {n}")
items = [1, 2, 3]
print(f"items: {items}, first: {items[0]}")
d = {"k": "v"}
print(f"dict: {d['k']}")
print(f"{n * 2 if n > 2 else 0}")
print(f"multi {n} " f"part {name}")
