# closures: create closures (cells, nonlocal) and call them.
def make_adder(k):
    def add(x):
        return x + k
    return add

def make_accumulator():
    total = 0
    def acc(x):
        nonlocal total
        total += x
        return total
    return acc

def run(n):
    checksum = 0
    acc = make_accumulator()
    for i in range(n):
        add = make_adder(i & 255)
        checksum = (checksum + add(i)) % 1000003
        if i % 10 == 0:
            acc(i & 15)
    square = lambda v: v * v
    for i in range(n // 2):
        checksum = (checksum + square(i & 1023)) % 1000003
    return checksum + acc(0)

N = 2_000_000
print(f"closures {N}: checksum={run(N)}")
