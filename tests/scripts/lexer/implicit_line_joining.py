values = [
    1,
    2,
        3,   # indentation inside brackets is ignored
]
print(values)
d = {
  "a": 1,
"b": 2,
}
print(d)
result = max(
    10,
    20
)
print(result)
t = (1 +
     2 *
     3)
print(t)
