print("helper_counter: module body runs")
count = 0
def bump():
    global count
    count += 1
def whoami():
    return "I am " + __name__
