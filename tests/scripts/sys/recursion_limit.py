import sys
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
sys.setrecursionlimit(3000)
print(sys.getrecursionlimit())
print(depth(2500))
sys.setrecursionlimit(100)
try:
    depth(200)
except RecursionError as e:
    print("RecursionError:", e)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
