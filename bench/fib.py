# fib: recursive calls (function call overhead, small-int arithmetic).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

N = 33
print(f"fib({N}) = {fib(N)}")
