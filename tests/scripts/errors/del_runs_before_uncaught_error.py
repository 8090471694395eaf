class Obj:
    def __del__(self):
        print("__del__ runs")
o = Obj()
del o
print("still running")
raise ValueError("after __del__")
