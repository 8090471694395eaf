# stdlib/lib/_weakrefset.py — WeakSet and the iteration guard shared by the weak containers
# (CPython keeps them in this module, so WeakSet.__module__ is '_weakrefset'; weakref
# re-exports both). A weak container removes an entry from its weakref's callback; while any
# iteration over it is running, removals are only queued ("pending") and committed when the
# last iteration ends, so a collection in the middle of a loop never changes the underlying
# set or dict under the loop's feet.

from _weakref import ref

__all__ = ['WeakSet']


class _IterationGuard:
    # Holds the container weakly: a guard lives in the container's _iterating set, and a
    # strong reference back would make every iterated container a cycle.

    def __init__(self, weakcontainer):
        self.weakcontainer = ref(weakcontainer)

    def __enter__(self):
        container = self.weakcontainer()
        if container is not None:
            container._iterating.add(self)
        return self

    def __exit__(self, e, t, b):
        container = self.weakcontainer()
        if container is not None:
            active = container._iterating
            active.remove(self)
            if not active:
                container._commit_removals()


class WeakSet:
    # self.data is a set of weakrefs (each with self._remove as its callback); a weakref
    # hashes and compares like its referent while that is alive, so membership tests build
    # a callback-less ref (shared by the runtime) and look it up.

    def __init__(self, data=None):
        self.data = set()

        # A closure holding only a weakref to the set: no cycle set <-> callback.
        def _remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(item)
                else:
                    self.data.discard(item)

        self._remove = _remove
        self._pending_removals = []
        self._iterating = set()
        if data is not None:
            self.update(data)

    def _commit_removals(self):
        pending = self._pending_removals
        discard = self.data.discard
        while pending:
            discard(pending.pop())

    def __iter__(self):
        with _IterationGuard(self):
            for itemref in self.data:
                item = itemref()
                if item is not None:
                    yield item

    def __len__(self):
        return len(self.data) - len(self._pending_removals)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def add(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.add(ref(item, self._remove))

    def clear(self):
        if self._pending_removals:
            self._commit_removals()
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def pop(self):
        if self._pending_removals:
            self._commit_removals()
        data = self.data
        while True:
            if not data:
                raise KeyError('pop from empty WeakSet')
            item = data.pop()()
            if item is not None:
                return item

    def remove(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.remove(ref(item))

    def discard(self, item):
        if self._pending_removals:
            self._commit_removals()
        self.data.discard(ref(item))

    def update(self, other):
        if self._pending_removals:
            self._commit_removals()
        add = self.data.add
        remove = self._remove
        for element in other:
            add(ref(element, remove))

    def __ior__(self, other):
        self.update(other)
        return self

    def difference(self, other):
        result = self.copy()
        result.difference_update(other)
        return result

    __sub__ = difference

    def difference_update(self, other):
        self.__isub__(other)

    def __isub__(self, other):
        if self._pending_removals:
            self._commit_removals()
        if self is other:
            self.data.clear()
        else:
            self.data.difference_update([ref(item) for item in other])
        return self

    def intersection(self, other):
        return self.__class__([item for item in other if item in self])

    __and__ = intersection

    def intersection_update(self, other):
        self.__iand__(other)

    def __iand__(self, other):
        if self._pending_removals:
            self._commit_removals()
        self.data.intersection_update([ref(item) for item in other])
        return self

    def issubset(self, other):
        return self.data.issubset([ref(item) for item in other])

    __le__ = issubset

    def __lt__(self, other):
        return self.data < set([ref(item) for item in other])

    def issuperset(self, other):
        return self.data.issuperset([ref(item) for item in other])

    __ge__ = issuperset

    def __gt__(self, other):
        return self.data > set([ref(item) for item in other])

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.data == set([ref(item) for item in other])

    def symmetric_difference(self, other):
        result = self.copy()
        result.symmetric_difference_update(other)
        return result

    __xor__ = symmetric_difference

    def symmetric_difference_update(self, other):
        self.__ixor__(other)

    def __ixor__(self, other):
        if self._pending_removals:
            self._commit_removals()
        if self is other:
            self.data.clear()
        else:
            remove = self._remove
            self.data.symmetric_difference_update([ref(item, remove) for item in other])
        return self

    def union(self, other):
        result = self.__class__(self)
        result.update(other)
        return result

    __or__ = union

    def isdisjoint(self, other):
        return len(self.intersection(other)) == 0

    def __repr__(self):
        return repr(self.data)
