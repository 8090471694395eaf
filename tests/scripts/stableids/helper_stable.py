# Rewrites the allocation numbers that -X stableids prints ("0x" + hex) as "#N", N counted
# from a base object of the test, so goldens do not depend on how many objects the VM
# allocated before the test started; " at " becomes " @ " so the driver's mask
# (" at 0x<hex>" -> " at 0x...") cannot hide a wrong number.
HEX = "0123456789abcdef"
base = 0


def set_base(obj):
    global base
    base = id(obj)


def set_base_number(number):
    global base
    base = number


def num(obj):
    return id(obj) - base


def rel(s):
    out = []
    i = 0
    while i < len(s):
        if s.startswith("0x", i):
            j = i + 2
            while j < len(s) and s[j] in HEX:
                j += 1
            out.append("#" + str(int(s[i + 2:j], 16) - base))
            i = j
        else:
            out.append(s[i])
            i += 1
    return "".join(out).replace(" at ", " @ ")


def show(obj):
    print(rel(repr(obj)))
