import sys
sys.setrecursionlimit(50)
def down(n):
    down(n)
def start():
    down(0)
start()
