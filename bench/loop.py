# loop: a tight while/for loop with integer arithmetic, no calls.
def run(n):
    total = 0
    i = 0
    while i < n:
        total = (total + i * 7) % 1000003
        i += 1
    acc = 0
    for j in range(n):
        acc = (acc * 31 + (j & 1023)) % 1000003
    return total, acc

N = 5_000_000
total, acc = run(N)
print(f"loop {N}: total={total} acc={acc}")
