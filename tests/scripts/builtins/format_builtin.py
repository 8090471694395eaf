print(format(7), format(7, "03d"), format(3.14159, ".3f"), format("s", ">3"))
print(format(1e6, ",.0f"), format(0.5, ".0%"), format(255, "#06x"))
class Custom:
    def __format__(self, spec):
        return f"Custom({spec!r})"
print(format(Custom(), "xyz"), f"{Custom():abc}", "{:q}".format(Custom()))
try:
    format(1, "q")
except ValueError as e:
    print("ValueError:", e)
