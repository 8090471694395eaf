# Invalid UTF-8 in a source file without a coding declaration (here in a comment).
print("never runs")
# café
