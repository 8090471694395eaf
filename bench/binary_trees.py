# binary_trees: allocate and free many small objects (the benchmarks-game program,
# with trees built from a small class; leaves use None children).
class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right

def make(depth):
    if depth == 0:
        return Node(None, None)
    return Node(make(depth - 1), make(depth - 1))

def check(node):
    if node.left is None:
        return 1
    return 1 + check(node.left) + check(node.right)

def main(max_depth):
    min_depth = 4
    stretch = max_depth + 1
    print(f"stretch tree of depth {stretch}\t check: {check(make(stretch))}")
    long_lived = make(max_depth)
    total = 0
    depth = min_depth
    while depth <= max_depth:
        iterations = 2 ** (max_depth - depth + min_depth)
        c = 0
        for _ in range(iterations):
            c += check(make(depth))
        print(f"{iterations}\t trees of depth {depth}\t check: {c}")
        total += c
        depth += 2
    print(f"long lived tree of depth {max_depth}\t check: {check(long_lived)}")
    print(f"checksum {total}")

main(14)
