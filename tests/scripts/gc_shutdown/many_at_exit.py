# Many objects in cycles alive at exit, each with a __del__: all finalized once.
class Node:
    count = 0

    def __init__(self, i):
        self.i = i
        self.me = self

    def __del__(self):
        Node.count += 1
        if Node.count % 1000 == 0:
            print("finalized", Node.count)


nodes = [Node(i) for i in range(5000)]
print("end")
