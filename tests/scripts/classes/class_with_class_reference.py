class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next
    def __iter__(self):
        node = self
        while node is not None:
            yield node.value
            node = node.next
    @classmethod
    def from_list(cls, values):
        head = None
        for v in reversed(values):
            head = cls(v, head)
        return head
lst = Node.from_list([1, 2, 3, 4])
print(list(lst), sum(lst))
