class A:
    def __repr__(self):
        return repr(self)
try:
    repr(A())
except RecursionError as e:
    print("A:", e)
class B:
    def __eq__(self, o):
        return self == o
try:
    B() == B()
except RecursionError as e:
    print("B:", e)
class C:
    def __getattr__(self, n):
        return self.x
try:
    C().y
except RecursionError as e:
    print("C:", e)
def g(n):
    if n:
        yield from g(n - 1)
    else:
        yield 1
try:
    print(list(g(10000)))
except RecursionError as e:
    print("gen:", e)
print(list(g(500)))
class D:
    def __len__(self):
        return len(self)
try:
    len(D())
except RecursionError as e:
    print("D:", e)
class E:
    def __bool__(self):
        return not self
try:
    bool(E())
except RecursionError as e:
    print("E:", e)
def f():
    f()
try:
    f()
except RecursionError as e:
    print("f:", e)
