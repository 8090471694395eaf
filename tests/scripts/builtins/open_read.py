with open("open_read_data.txt") as f:
    content = f.read()
print(repr(content))
with open("open_read_data.txt") as f:
    for line in f:
        print("line:", line.rstrip("\n"))
f = open("open_read_data.txt", "r")
print(repr(f.readline()))
print(f.readlines())
f.close()
print(f.closed)
try:
    open("no_such_file_here.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e.args[1] if len(e.args) > 1 else e)
