# Text files count characters (not UTF-8 bytes) in read(n)/readline(n); tell() and seek()
# move within the file; open() checks its mode like io.open and refuses a directory.
import sys
path = "/tmp/ouro_builtins_file_read_chars_seek.txt"
with open(path, "w") as f:
    print(repr(f.encoding), f.tell())
    f.write("héllo wörld\nzweite Zeile\n")
    print(f.tell())
with open(path) as f:
    print(repr(f.read(2)), f.tell())
    print(repr(f.readline(3)), f.tell())
    print(repr(f.readline()))
    print(f.seek(0), repr(f.read(1)))
    print(f.seek(0, 2), repr(f.read()), f.seekable())
    for off, whence in [(0, 5), (-3, 0)]:
        try:
            f.seek(off, whence)
        except ValueError as e:
            print("ValueError:", e)
print(sys.stdout.encoding, repr(sys.stderr)[:40])
for mode in ["rw", "rr", "z", "+", "t", "rt", "wt+", "bt"]:
    try:
        open(path, mode).close()
        print(mode, "ok")
    except ValueError as e:
        print(mode, "ValueError:", e)
try:
    open("/tmp")
except IsADirectoryError as e:
    print("IsADirectoryError:", e)
