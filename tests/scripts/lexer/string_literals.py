print('single', "double")
print('it\'s', "say \"hi\"")
print("""triple
double""")
print('''triple
single''')
print(r"raw \n stays", R'raw \t too')
print("tab\tend", "nl\\n literal")
print("\x41\x42", "\101", "\u00e9")
print("implicit " 'concatenation ' """of three""")
print(len("a\nb"), len(r"a\nb"))
print("")
