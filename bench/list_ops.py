# list_ops: append, index, slice, sort, reverse, pop, comprehension.
def lcg(seed):
    return (seed * 1103515245 + 12345) % 2147483648

def run(n, rounds):
    checksum = 0
    seed = 42
    for r in range(rounds):
        lst = []
        for i in range(n):
            seed = lcg(seed)
            lst.append(seed % 100000)
        for i in range(0, n, 7):
            lst[i] = lst[i] + lst[n - 1 - i]
        half = lst[: n // 2]
        rest = lst[n // 2 :]
        half.sort()
        rest.sort(reverse=True)
        merged = half + rest
        merged.reverse()
        evens = [v for v in merged if v % 2 == 0]
        while len(evens) > n // 4:
            evens.pop()
        checksum = (checksum + merged[n // 3] + evens[-1] + len(evens) + sum(half[::100])) % 1000000007
    return checksum

N = 50_000
ROUNDS = 25
print(f"list_ops {N}x{ROUNDS}: checksum={run(N, ROUNDS)}")
