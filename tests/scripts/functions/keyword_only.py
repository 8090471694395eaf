def connect(host, *, port=80, secure=False):
    return f"{host}:{port} secure={secure}"
print(connect("a"))
print(connect("b", port=8080, secure=True))
try:
    connect("c", 443)
except TypeError as e:
    print("TypeError:", e)
def required_kw(*, key):
    return key
print(required_kw(key="k"))
try:
    required_kw()
except TypeError as e:
    print("TypeError:", e)
