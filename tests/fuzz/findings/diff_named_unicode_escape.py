# differs: ouro rejects "\N{...}" escapes ("unknown Unicode character name"); CPython prints λ (compiler/lexer: no Unicode name table)
print("\N{GREEK SMALL LETTER LAMDA}", "\N{BULLET}")
