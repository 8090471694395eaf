# A source file may start with a UTF-8 BOM: CPython skips it. ouro raises "SyntaxError: invalid non-printable character U+FEFF" (file reading, stdlib/run.c and import: strip a leading BOM of files, not of str given to exec).
print("bom ok")
