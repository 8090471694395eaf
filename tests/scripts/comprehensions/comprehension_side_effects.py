log = []
def track(x):
    log.append(x)
    return x
result = [track(x) for x in range(4) if track(x * 10) >= 10]
print(result)
print(log)
gen = (track(x) for x in "ab")
print(log[-1])
print(list(gen), log[-2:])
