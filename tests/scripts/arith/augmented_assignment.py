n = 10
n += 1; n -= 2; n *= 3; print(n)
n //= 4; n **= 2; n %= 7; print(n)
f = 1.5
f *= 2; f /= 4; f -= 0.25; print(f)
big = 1
for i in range(10):
    big *= 1000
print(big)
lst = [1, 2]
alias = lst
lst += [3]
print(alias, lst is alias)
t = (1, 2)
t2 = t
t += (3,)
print(t, t2)
