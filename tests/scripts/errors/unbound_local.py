total = 0
def read_then_assign():
    total
    total = 5
read_then_assign()
