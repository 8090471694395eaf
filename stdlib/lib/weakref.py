# stdlib/lib/weakref.py — the weakref module (PEP 205) as CPython 3.11 presents it: the native
# reference types from _weakref, plus the containers built on them (WeakValueDictionary,
# WeakKeyDictionary, WeakSet), WeakMethod, KeyedRef and finalize, with CPython's behaviour,
# reprs and messages. Written from the documented behaviour for ouro: no collections.abc
# (the mapping mixin methods are spelled out) and no itertools. Containers never hold a
# strong reference back from a weakref callback (callbacks reach them through a weakref), so
# no container is ever part of a reference cycle of its own making.
"""Weak references (PEP 205): ref, proxy, and the weak containers, WeakMethod and
finalize built on them."""

from _weakref import (
    getweakrefcount,
    getweakrefs,
    ref,
    proxy,
    CallableProxyType,
    ProxyType,
    ReferenceType,
    _remove_dead_weakref,
)

from _weakrefset import WeakSet, _IterationGuard

import sys

ProxyTypes = (ProxyType, CallableProxyType)

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs",
           "WeakKeyDictionary", "ReferenceType", "ProxyType",
           "CallableProxyType", "ProxyTypes", "WeakValueDictionary",
           "WeakSet", "WeakMethod", "finalize"]


class WeakMethod(ref):
    """A weak reference to a bound method: it stays alive as long as both the
    instance and the function do, and calling it rebuilds the method."""

    # A bound method is created anew at each attribute access, so a plain ref to one dies
    # at once; this holds the instance (as the ref itself) and the function weakly instead
    # and rebuilds the bound method on call. _alive makes the callback fire only once,
    # whichever of the two dies first.
    __slots__ = "_func_ref", "_meth_type", "_alive", "__weakref__"

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None

        # The callback reaches the WeakMethod through a weakref, so the WeakMethod and
        # the refs it owns (whose callback this is) form no cycle.
        def _cb(arg):
            self = self_wr()
            if self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)

        self = ref.__new__(cls, obj, _cb)
        self._func_ref = ref(func, _cb)
        self._meth_type = type(meth)
        self._alive = True
        self_wr = ref(self)
        return self

    def __call__(self):
        obj = ref.__call__(self)
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is not other
            return ref.__ne__(self, other) or self._func_ref != other._func_ref
        return NotImplemented

    __hash__ = ref.__hash__


class KeyedRef(ref):
    """A weak reference that also carries the key it is stored under, so one
    callback shared by a whole WeakValueDictionary knows which entry to drop."""

    __slots__ = "key",

    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


def _is_mapping(o):
    # Stands in for isinstance(o, collections.abc.Mapping) with the mappings ouro has.
    return isinstance(o, (dict, WeakValueDictionary, WeakKeyDictionary))


class _WeakMapping:
    """What the two weak dictionaries share: the parts CPython gets from the
    MutableMapping mixins (clear, ==, the | operators), written on top of each
    class's own popitem, items, copy and update."""

    # popitem until empty, as MutableMapping.clear.
    def clear(self):
        try:
            while True:
                self.popitem()
        except KeyError:
            pass

    # Equal to any mapping with the same live items (Mapping.__eq__).
    def __eq__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __hash__ = None
    __reversed__ = None

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if _is_mapping(other):
            c = self.copy()
            c.update(other)
            return c
        return NotImplemented

    def __ror__(self, other):
        if _is_mapping(other):
            c = self.__class__()
            c.update(other)
            c.update(self)
            return c
        return NotImplemented


class WeakValueDictionary(_WeakMapping):
    """A mapping whose values are held by weak references: an entry goes away
    when nothing else keeps its value alive."""

    # self.data maps each key to a KeyedRef of its value whose callback is self._remove.
    # An entry whose value died is removed by that callback at once, or, while an iteration
    # runs, queued in _pending_removals and committed before the next read or write.

    def __init__(self, other=(), /, **kw):
        # Default arguments keep the callback independent of module globals, which may
        # already be gone when a value dies late at interpreter exit.
        def remove(wr, selfref=ref(self), _atomic_removal=_remove_dead_weakref):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(wr.key)
                else:
                    # Removes the entry only if it still holds a dead ref: the key may
                    # have been given a new value since this one died.
                    _atomic_removal(self.data, wr.key)

        self._remove = remove
        self._pending_removals = []
        self._iterating = set()
        self.data = {}
        self.update(other, **kw)

    def _commit_removals(self, _atomic_removal=_remove_dead_weakref):
        pending = self._pending_removals
        d = self.data
        while pending:
            _atomic_removal(d, pending.pop())

    def __getitem__(self, key):
        if self._pending_removals:
            self._commit_removals()
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        if self._pending_removals:
            self._commit_removals()
        del self.data[key]

    def __len__(self):
        if self._pending_removals:
            self._commit_removals()
        return len(self.data)

    def __contains__(self, key):
        if self._pending_removals:
            self._commit_removals()
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        if self._pending_removals:
            self._commit_removals()
        self.data[key] = KeyedRef(value, self._remove, key)

    def copy(self):
        if self._pending_removals:
            self._commit_removals()
        new = WeakValueDictionary()
        with _IterationGuard(self):
            for key, wr in self.data.items():
                o = wr()
                if o is not None:
                    new[key] = o
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        if self._pending_removals:
            self._commit_removals()
        new = self.__class__()
        with _IterationGuard(self):
            for key, wr in self.data.items():
                o = wr()
                if o is not None:
                    new[deepcopy(key, memo)] = o
        return new

    def get(self, key, default=None):
        if self._pending_removals:
            self._commit_removals()
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        if o is None:
            return default
        return o

    def items(self):
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            for k, wr in self.data.items():
                v = wr()
                if v is not None:
                    yield k, v

    def keys(self):
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            for k, wr in self.data.items():
                if wr() is not None:
                    yield k

    __iter__ = keys

    def itervaluerefs(self):
        """Iterate over the weak references to the values (some may be dead by
        the time they are called: check the result for None)."""
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            yield from self.data.values()

    def values(self):
        if self._pending_removals:
            self._commit_removals()
        with _IterationGuard(self):
            for wr in self.data.values():
                obj = wr()
                if obj is not None:
                    yield obj

    def popitem(self):
        if self._pending_removals:
            self._commit_removals()
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def pop(self, key, *args):
        if self._pending_removals:
            self._commit_removals()
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        try:
            o = self.data[key]()
        except KeyError:
            o = None
        if o is None:
            if self._pending_removals:
                self._commit_removals()
            self.data[key] = KeyedRef(default, self._remove, key)
            return default
        return o

    def update(self, other=None, /, **kwargs):
        if self._pending_removals:
            self._commit_removals()
        d = self.data
        remove = self._remove
        if other is not None:
            if not hasattr(other, "items"):
                other = dict(other)
            for key, o in other.items():
                d[key] = KeyedRef(o, remove, key)
        for key, o in kwargs.items():
            d[key] = KeyedRef(o, remove, key)

    def valuerefs(self):
        """A list of the weak references to the values (some may be dead by the
        time they are called: check the result for None)."""
        if self._pending_removals:
            self._commit_removals()
        return list(self.data.values())



class WeakKeyDictionary(_WeakMapping):
    """A mapping whose keys are held by weak references: an entry goes away when
    nothing else keeps its key alive. Handy to attach data to objects owned
    elsewhere without touching their attributes."""

    # self.data maps a weakref to each key (callback self._remove) to its value. A live
    # weakref hashes and compares like its key, so lookups go through ref(key); a dead one
    # compares equal only to itself, so a dead entry never matches a new key and pending
    # removals may wait until the iteration ends. len() subtracts the pending ones.

    def __init__(self, dict=None):
        self.data = {}

        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                if self._iterating:
                    self._pending_removals.append(k)
                else:
                    try:
                        del self.data[k]
                    except KeyError:
                        pass

        self._remove = remove
        self._pending_removals = []
        self._iterating = set()
        # Set when an entry is removed explicitly: a pending removal may then name an
        # entry already gone, which len() must not subtract twice.
        self._dirty_len = False
        if dict is not None:
            self.update(dict)

    def _commit_removals(self):
        pending = self._pending_removals
        d = self.data
        while pending:
            try:
                del d[pending.pop()]
            except KeyError:
                pass

    def _scrub_removals(self):
        d = self.data
        self._pending_removals = [k for k in self._pending_removals if k in d]
        self._dirty_len = False

    def __delitem__(self, key):
        self._dirty_len = True
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __len__(self):
        if self._dirty_len and self._pending_removals:
            self._scrub_removals()
        return len(self.data) - len(self._pending_removals)

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def copy(self):
        new = WeakKeyDictionary()
        with _IterationGuard(self):
            for key, value in self.data.items():
                o = key()
                if o is not None:
                    new[o] = value
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        with _IterationGuard(self):
            for key, value in self.data.items():
                o = key()
                if o is not None:
                    new[o] = deepcopy(value, memo)
        return new

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def items(self):
        with _IterationGuard(self):
            for wr, value in self.data.items():
                key = wr()
                if key is not None:
                    yield key, value

    def keys(self):
        with _IterationGuard(self):
            for wr in self.data:
                obj = wr()
                if obj is not None:
                    yield obj

    __iter__ = keys

    def values(self):
        with _IterationGuard(self):
            for wr, value in self.data.items():
                if wr() is not None:
                    yield value

    def keyrefs(self):
        """A list of the weak references to the keys (some may be dead by the
        time they are called: check the result for None)."""
        return list(self.data)

    def popitem(self):
        self._dirty_len = True
        while True:
            key, value = self.data.popitem()
            o = key()
            if o is not None:
                return o, value

    def pop(self, key, *args):
        self._dirty_len = True
        return self.data.pop(ref(key), *args)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        d = self.data
        remove = self._remove
        if dict is not None:
            if not hasattr(dict, "items"):
                dict = type({})(dict)
            for key, value in dict.items():
                d[ref(key, remove)] = value
        if len(kwargs):
            self.update(kwargs)



class finalize:
    """finalize(obj, func, /, *args, **kwargs): calls func(*args, **kwargs) once,
    when obj dies or when the finalizer itself is called, whichever comes first
    (the call returns func's result, later calls None). Finalizers still alive
    at exit with atexit true (the default) run then, newest first."""

    # A finalize object has no state of its own: it is the key of its _Info in the class's
    # registry, and the callback of the weakref to obj. So the registry keeps it alive
    # until it runs or is detached, and it can never be part of a cycle with obj.

    __slots__ = ()
    _registry = {}
    _shutdown = False
    _next_index = 0
    _dirty = False
    _registered_with_atexit = False

    class _Info:
        __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")

    def __init__(self, obj, func, /, *args, **kwargs):
        if not self._registered_with_atexit:
            import atexit
            atexit.register(self._exitfunc)
            finalize._registered_with_atexit = True
        info = self._Info()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        info.index = finalize._next_index
        finalize._next_index = info.index + 1
        self._registry[self] = info
        finalize._dirty = True

    def __call__(self, _=None):
        """Run func(*args, **kwargs) and return its result the first time;
        None once dead."""
        info = self._registry.pop(self, None)
        if info and not self._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        """Kill the finalizer without running it: (obj, func, args, kwargs),
        or None when already dead."""
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and self._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        """(obj, func, args, kwargs) while alive, else None."""
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        """True until the finalizer has run or been detached."""
        return self in self._registry

    @property
    def atexit(self):
        """Whether the finalizer runs at exit if still alive."""
        info = self._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return '<%s object at %#x; dead>' % (type(self).__name__, id(self))
        return '<%s object at %#x; for %r at %#x>' % \
            (type(self).__name__, id(self), type(obj).__name__, id(obj))

    @classmethod
    def _select_for_exit(cls):
        # The live finalizers marked for exit, oldest first.
        chosen = [(info.index, f) for f, info in cls._registry.items() if info.atexit]
        chosen.sort()   # the indices are unique: f is never compared
        return [f for index, f in chosen]

    @classmethod
    def _exitfunc(cls):
        # The atexit hook: runs the remaining atexit finalizers newest first. The collector
        # is paused meanwhile so that only a finalizer's own code can create or kill
        # finalizers; when one does (_dirty), the pending list is chosen again.
        reenable_gc = False
        try:
            if cls._registry:
                import gc
                if gc.isenabled():
                    reenable_gc = True
                    gc.disable()
                pending = None
                while True:
                    if pending is None or finalize._dirty:
                        pending = cls._select_for_exit()
                        finalize._dirty = False
                    if not pending:
                        break
                    f = pending.pop()
                    try:
                        f()
                    except Exception:
                        sys.excepthook(*sys.exc_info())
                    assert f not in cls._registry
        finally:
            # No finalizer runs after this one: the rest of teardown may kill their objects.
            finalize._shutdown = True
            if reenable_gc:
                gc.enable()

