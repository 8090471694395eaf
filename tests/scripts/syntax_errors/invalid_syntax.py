print("no output: the file never runs")
x = 1 +
