# -*- coding: latin-1 -*-
# A PEP 263 coding declaration: CPython decodes the file as Latin-1 and prints "cafÃ©"; ouro reads the bytes as UTF-8 and prints mojibake (file reading, stdlib, would have to transcode to UTF-8 before compiling; the compiler only skips its UTF-8 check when a declaration is present).
print("café")
