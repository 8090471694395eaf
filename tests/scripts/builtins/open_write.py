path = "/tmp/ouro_builtins_open_write_test.txt"
with open(path, "w") as f:
    n = f.write("first line\n")
    f.write("second line\n")
print("wrote", n)
with open(path, "a") as f:
    print("appended via print", file=f)
with open(path) as f:
    print(f.read(), end="")
with open(path) as f:
    lines = f.read().splitlines()
print(len(lines), lines[-1])
