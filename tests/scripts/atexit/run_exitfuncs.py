# atexit._run_exitfuncs runs and forgets the handlers now; _clear forgets them unrun;
# handlers registering or unregistering others while the handlers run.
import atexit

start = atexit._ncallbacks()
atexit.register(print, "one")
atexit.register(print, "two")
atexit._run_exitfuncs()
print("after run", atexit._ncallbacks())
atexit.register(print, "cleared, never printed")
atexit._clear()
print("after clear", atexit._ncallbacks())


def registers():
    print("registers another (it never runs)")
    atexit.register(print, "registered during the run")


def unregisters():
    print("unregisters 'victim'")
    atexit.unregister(victim)


def victim():
    print("victim ran")


atexit.register(victim)
atexit.register(registers)
atexit.register(unregisters)
atexit._run_exitfuncs()
print("count", atexit._ncallbacks())


def clears():
    print("clears the rest")
    atexit._clear()


atexit.register(print, "cleared by a handler")
atexit.register(clears)
atexit._run_exitfuncs()
print("count", atexit._ncallbacks())
atexit.register(print, "at exit")
print("end")
