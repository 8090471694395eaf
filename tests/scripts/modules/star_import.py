from helper_star import *
import helper_star
print(public_value, greet())
print("_private_value" in dir())
print(sorted(k for k in helper_star.__dict__ if not k.startswith("__")))
