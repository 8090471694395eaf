def make_fact():
    def fact(n):
        return 1 if n < 2 else n * fact(n - 1)
    return fact
f = make_fact()
print(f(12))
def counter_factory():
    counts = {}
    def count(word):
        counts[word] = counts.get(word, 0) + 1
        return counts[word]
    return count
c = counter_factory()
print(c("a"), c("b"), c("a"), c("a"))
