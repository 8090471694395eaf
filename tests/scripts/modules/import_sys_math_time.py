import sys
import math
import time
print(type(sys).__name__, sys.__name__, math.__name__, time.__name__)
print(math.sqrt(81), math.floor(-0.5))
t0 = time.time()
p0 = time.perf_counter()
t1 = time.time()
p1 = time.perf_counter()
print(type(t0).__name__, t1 >= t0, p1 >= p0, t0 > 1600000000)
print(type(time.monotonic()).__name__)
time.sleep(0.01)
print(time.perf_counter() - p0 >= 0.005)
