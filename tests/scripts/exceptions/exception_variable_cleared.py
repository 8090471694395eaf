try:
    raise ValueError("temp")
except ValueError as err:
    print("inside:", err)
try:
    print(err)
except NameError as e:
    print("NameError:", e)
err = "rebound"
try:
    raise KeyError
except KeyError as err:
    pass
print("err" in dir())
