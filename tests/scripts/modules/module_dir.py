# dir(module) lists the module's globals (or what its own __dir__ returns, PEP 562).
import gc
import math
import helper_dir_custom
import helper_shapes as sib

print([n for n in dir(gc) if not n.startswith("_")])
print([n for n in dir(gc) if n.startswith("__")])
print("sqrt" in dir(math), "__class__" in dir(math))
print(dir(helper_dir_custom))
print(sorted(n for n in dir(sib) if not n.startswith("__")))
