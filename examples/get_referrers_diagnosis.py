# get_referrers_diagnosis.py - "why is this object still alive?" answered with
# gc.get_referrers() (who points at it) and gc.get_referents() (what it points at), walking
# back from a leaked object to the global name that holds it.
#
# Run:  ouro examples/get_referrers_diagnosis.py
#
# Referrers come back in no particular order, so this script describes and sorts them.
# Instance attributes live in a real __dict__ here (as in CPython 3.10), so an instance is
# referred to by its owner's __dict__, not by the owner itself; golden recorded with 3.10.
import gc
import weakref


class Request:
    def __init__(self, url):
        self.url = url


class Logger:
    def __init__(self):
        self.history = []

    def log(self, request):
        self.history.append(request)  # the bug: the logger keeps every request


class App:
    def __init__(self):
        self.logger = Logger()

    def handle(self, url):
        req = Request(url)
        self.logger.log(req)
        return weakref.ref(req)


def section(title):
    print()
    print("==", title, "==")


def a(name):
    return ("an " if name[0] in "AEIOUaeiou" else "a ") + name


def describe(obj):
    # A readable name for a referrer, without addresses.
    if obj is globals():
        return "the module's globals"
    if isinstance(obj, dict):
        for owner in gc.get_referrers(obj):
            if getattr(owner, "__dict__", None) is obj:
                return f"the __dict__ of {a(type(owner).__name__)}"
        return "a dict with keys " + ", ".join(sorted(map(str, obj)))
    if isinstance(obj, list):
        return f"a list of length {len(obj)}"
    return a(type(obj).__name__)


def holders(obj, ignore):
    return [r for r in gc.get_referrers(obj) if all(r is not i for i in ignore)]


gc.collect()
app = App()

section("1. the symptom: a request outlives its handler")
probe = app.handle("/index.html")
print("handle() returned; is the request alive?", probe() is not None)

section("2. get_referrers: who holds it?")
req = probe()
for line in sorted(describe(r) for r in holders(req, [globals()])):
    print("  held by", line)
print("(we skip the globals: our own variable req is there only because we are looking)")
del req

section("3. walking the chain back to a global name")


def why_alive(obj):
    # Follow the first referrer upwards until a global name holds it. Our own bookkeeping
    # (the chain list, this function's frame) refers to the objects too: skip it.
    chain = []
    seen = [obj]
    while True:
        refs = [r for r in holders(obj, [globals(), seen, chain])
                if type(r).__name__ != "frame"]
        if not refs:
            return chain
        parent = refs[0]
        chain.append(describe(parent))
        for name, value in globals().items():
            if value is parent:
                chain.append(f"the global name {name!r}")
                return chain
        seen.append(parent)
        obj = parent


print("the request is kept alive by:")
for step in why_alive(probe()):
    print("  <-", step)

section("4. get_referents: what does an object point at?")
log = app.logger
names = sorted(type(r).__name__ for r in gc.get_referents(log))
print("gc.get_referents(app.logger) ->", names, "(its class and its __dict__)")
print("gc.get_referents(app.logger.__dict__) types ->",
      sorted(type(r).__name__ for r in gc.get_referents(log.__dict__)))
del log

section("5. the fix")
app.logger.history.clear()
print("after clearing the history, is the request alive?", probe() is not None)

section("What to remember")
print("- gc.get_referrers(x) lists the tracked objects that refer to x (slow: scans the heap)")
print("- follow referrers upwards until you reach a global, a class, or a running frame")
print("- your own variables and lists are referrers too: skip them while you look")
