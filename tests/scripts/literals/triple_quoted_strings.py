s = """first line
  second line indented
third"""
print(s)
print(len(s.splitlines()))
t = '''contains "double" and 'single' quotes'''
print(t)
u = """\
no leading newline"""
print(u)
print(repr("""a
b"""))
