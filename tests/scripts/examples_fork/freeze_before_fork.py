# gcstress: timing-dependent
# Runs examples/freeze_before_fork.py (its raw KiB numbers go to stderr, not compared).
path = '../../../examples/freeze_before_fork.py'
with open(path) as f:
    exec(f.read(), {'__name__': '__main__'})
