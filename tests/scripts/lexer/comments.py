# A comment on its own line
x = 1  # a trailing comment
# print("this is commented out")
y = 2 # another
    # an indented comment line does not start a block
print(x + y)  # prints 3
s = "# not a comment inside a string"
print(s)
#
print("done")
