# dict_str: string-keyed dict insert, lookup, update and delete; string building.
def run(n, rounds):
    keys = [f"key{i}" for i in range(n)]
    checksum = 0
    for r in range(rounds):
        d = {}
        for i in range(n):
            d[keys[i]] = i + r
        for k in keys:
            checksum += d[k]
        for i in range(0, n, 3):
            d[keys[i]] += 1
        hits = 0
        for i in range(0, n, 2):
            if ("key" + str(i)) in d:
                hits += 1
        for i in range(0, n, 5):
            del d[keys[i]]
        checksum = (checksum + hits + len(d)) % 1000000007
    return checksum

N = 50_000
ROUNDS = 40
print(f"dict_str {N}x{ROUNDS}: checksum={run(N, ROUNDS)}")
