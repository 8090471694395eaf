# closure_capture.py - a closure keeps alive every variable it uses from the enclosing
# function (through a cell), and so everything those variables refer to. A small
# callback can pin a big object.
#
# Run:  ouro examples/closure_capture.py
#
# Golden recorded with CPython 3.11.
import gc
import weakref


class BigData:
    def __init__(self, n):
        self.rows = list(range(n))

    def __len__(self):
        return len(self.rows)


def section(title):
    print()
    print("==", title, "==")


gc.collect()

section("1. a closure captures the variable, not just the value it needed")


def make_counter_leaky():
    data = BigData(100000)
    size = len(data)

    def report():
        return f"{len(data)} rows"  # uses data: the closure keeps all of it alive

    return report, weakref.ref(data)


report, probe = make_counter_leaky()
print("report() ->", report())
print("the BigData is still alive after the function returned:", probe() is not None)
print("report.__code__.co_freevars ->", report.__code__.co_freevars)
cell = report.__closure__[0]
print("its cell holds:", type(cell.cell_contents).__name__)
del cell

section("2. capture only what you need")


def make_counter_lean():
    data = BigData(100000)
    size = len(data)

    def report():
        return f"{size} rows"  # uses only the int

    return report, weakref.ref(data)


report, probe = make_counter_lean()
print("report() ->", report())
print("the BigData is alive after the function returned:", probe() is not None)
print("report.__code__.co_freevars ->", report.__code__.co_freevars)

section("3. only the closures that use a variable keep it")


def make_pair():
    data = BigData(10)

    def small():
        return "I only return a string"

    def big():
        return len(data)

    return small, big, weakref.ref(data)


small, big, probe = make_pair()
del big
print("only small() is kept, and it uses nothing: data alive?", probe() is not None)
print("small.__closure__ ->", small.__closure__)

section("4. a lambda stored on the object it captures makes a cycle")


class Button:
    def __init__(self, label):
        self.label = label
        self.on_click = lambda: print("clicked", self.label)  # captures self


b = Button("OK")
b.on_click()
probe = weakref.ref(b)
del b
print("after del b, alive?", probe() is not None, "<- self -> lambda -> cell -> self")
gc.collect()
print("after gc.collect(), alive?", probe() is not None)

section("5. the default-argument trick freezes a value instead of a variable")
callbacks = [lambda: i for i in range(3)]
print("late binding, all see the last i:", [f() for f in callbacks])
callbacks = [lambda i=i: i for i in range(3)]
print("with i=i each keeps its own value:", [f() for f in callbacks])

section("What to remember")
print("- a closure keeps alive the variables it uses (co_freevars), through cells")
print("- copy the small value you need into a local before defining the closure")
print("- a closure stored on the object it captures is a reference cycle")
