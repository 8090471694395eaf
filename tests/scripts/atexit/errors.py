# A handler that raises is reported ("Exception ignored in atexit callback") and the others
# still run; SystemExit and KeyboardInterrupt raised there are reported too and do not
# change the exit status. Argument errors of the module's functions.
import atexit

for args in ((), (1,), ("not callable", 2)):
    try:
        atexit.register(*args)
    except TypeError as e:
        print("TypeError", e)
for call in (lambda: atexit.unregister(), lambda: atexit.unregister(1, 2),
             lambda: atexit._ncallbacks(1), lambda: atexit._clear(1),
             lambda: atexit._run_exitfuncs(1), lambda: atexit.unregister(f=1)):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)


def first():
    print("first registered, runs last")


def fails():
    raise ValueError("handler failed")


def exits():
    raise SystemExit(3)


def interrupts():
    raise KeyboardInterrupt


atexit.register(first)
atexit.register(fails)
atexit.register(exits)
atexit.register(interrupts)
atexit.register(print, "runs first")
print("end")
