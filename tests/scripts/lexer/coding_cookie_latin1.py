# -*- coding: latin-1 -*-
# PEP 263: this file is Latin-1; its bytes are decoded before compiling.
s = "café £5 ½ ÿ"
print(s, len(s))
print([hex(ord(c)) for c in "éÿ"])
print(ascii(s))
naïve = 3
print(naïve * 2)
# Other declared encodings, and the errors CPython gives for bad ones.
import helper_coding_cp1252
print(helper_coding_cp1252.euro, len(helper_coding_cp1252.euro))
for name in ("helper_coding_unknown", "helper_coding_ascii_bad", "helper_coding_cp1252_bad"):
    try:
        __import__(name)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset, e.text, e.filename.endswith(name + ".py"))
