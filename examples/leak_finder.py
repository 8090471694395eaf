# leak_finder.py - "this should go away": register objects that ought to die with
# leakcheck.should_go_away(), then leakcheck.check() collects and reports every survivor
# with the chain of references from a module global or a class to it, and a .dot graph.
#
# Run:  ouro examples/leak_finder.py
#       dot -Tpng leak_session.dot -o leak_session.png    (to look at a graph yourself;
#       this script deletes its .dot files at the end, remove those lines to keep them)
#
# leakcheck is plain Python (stdlib/lib/leakcheck.py); the golden was checked with CPython
# 3.11 running the same module (PYTHONPATH=stdlib/lib).
import gc
import os
import leakcheck


class Session:
    def __init__(self, user):
        self.user = user
        self.handlers = []


class Request:
    def __init__(self, session, path):
        self.session = session
        self.path = path


class Registry:
    sessions = []  # a class-level container: lives forever


cache = {}


def section(title):
    print()
    print("==", title, "==")


def handle(user, path, remember):
    session = Session(user)
    request = Request(session, path)
    if remember == "cache":
        cache[user] = session  # bug 1: a global cache that is never cleaned
    elif remember == "registry":
        Registry.sessions.append(session)  # bug 2: a class-level registry
    elif remember == "closure":
        session.handlers.append(lambda: request.path)  # a cycle: collectable, not a leak
    leakcheck.should_go_away(session, f"session_{user}")
    leakcheck.should_go_away(request, f"request_{user}")
    return len(path)


gc.collect()

section("1. everything went away")
handle("ann", "/home", None)
handle("bob", "/about", "closure")
print("two requests handled; pending checks:", leakcheck.pending())
survivors = leakcheck.check()
print("check() returned", survivors)

section("2. two leaks")
handle("cat", "/shop", "cache")
handle("dan", "/cart", "registry")
survivors = leakcheck.check()
print("check() returned", survivors)

section("3. the graph of one leak (leak_session_cat.dot)")
with open("leak_session_cat.dot") as f:
    for line in f:
        print("  |", line.rstrip())

section("4. fixing the leaks")
cache.clear()
Registry.sessions.clear()
for user in ("eve", "fay"):
    handle(user, "/again", None)
leakcheck.check()

for name in survivors:
    os.remove(f"leak_{name}.dot")

section("What to remember")
print("- should_go_away() keeps only a weak reference: it never causes a leak itself")
print("- check() collects first, so cycles are not reported: only real leaks are")
print("- the chain names the global or the class that holds the leaked object")
