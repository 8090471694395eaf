def countdown(n, stop_at):
    while n > 0:
        if n == stop_at:
            print("stopped at", n)
            break
        n -= 1
    else:
        print("completed, n =", n)
countdown(5, 3)
countdown(5, 10)
