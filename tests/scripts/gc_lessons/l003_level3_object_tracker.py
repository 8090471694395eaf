# Lesson 003, Level 3: the ObjectTracker class decorator, which tracks live instances
# through weakref.ref callbacks. The lesson's reference solution has a bug: the decorator
# returns the tracker, so the module name Service is the ObjectTracker, and
# `Service.tracker` raises AttributeError (the solution set `cls.tracker` on the decorated
# class). The test follows CPython: it shows the error, then goes on through
# `Service._cls.tracker`, the tracker the lesson meant. diagnose() prints only the
# referrers that are module globals: frames, cells and temporary tuples of the
# interpreter itself differ from one implementation to another.
import gc
import weakref
from typing import Type, TypeVar
T = TypeVar("T")
class ObjectTracker:
    """
    Class decorator that tracks live instances without preventing GC.
    Usage:
    @ObjectTracker
    class MyService:
        def __init__(self, name):
            self.name = name
    s1 = MyService("auth")
    s2 = MyService("db")
    print(MyService.tracker.count()) # 2
    print(MyService.tracker.all()) # [MyService('auth'), MyService('db')]
    del s1
    print(MyService.tracker.count()) # 1
    """
    def __init__(self, cls: Type[T]):
        self._cls = cls
        self._instances: list[weakref.ref] = []
        self._original_init = cls.__init__
        # Patch __init__ to register each new instance
        tracker = self # capture self for the closure
        def patched_init(instance, *args, **kwargs):
            tracker._original_init(instance, *args, **kwargs)
            ref = weakref.ref(instance, tracker._on_finalize)
            tracker._instances.append(ref)
        cls.__init__ = patched_init
        cls.tracker = self # attach tracker to the class
        # Preserve the class identity (name, module, docstring)
        self.__name__ = cls.__name__
        self.__qualname__ = cls.__qualname__
        self.__doc__ = cls.__doc__
        self.__module__ = cls.__module__
    def __call__(self, *args, **kwargs):
        """Allow ObjectTracker to be used as the class itself."""
        return self._cls(*args, **kwargs)
    def _on_finalize(self, ref: weakref.ref) -> None:
        """Called by weakref when an instance is GC'd - prune dead refs."""
        self._instances = [r for r in self._instances if r() is not None]
    def _live_instances(self) -> list:
        """Return all instances that are still alive."""
        live = []
        for ref in self._instances:
            obj = ref()
            if obj is not None:
                live.append(obj)
        return live
    def count(self) -> int:
        """Number of currently live instances."""
        return len(self._live_instances())
    def all(self) -> list:
        """All currently live instances."""
        return self._live_instances()
    def diagnose(self) -> None:
        """Print referrer summary for each live instance."""
        instances = self._live_instances()
        print(f"\nObjectTracker.diagnose() - {self.__name__}: {len(instances)} live instances")
        for i, obj in enumerate(instances):
            referrers = gc.get_referrers(obj)
            # Filter out the diagnostic machinery itself
            referrers = [
                r for r in referrers
                if r is not instances and r is not self._instances
            ]
            referrers = [r for r in referrers if r is globals()] # (test: globals only)
            print(f"\n Instance {i}: {obj!r}")
            for r in referrers[:5]: # show top 5 referrers
                print(f" Held by: {type(r).__name__}", end="")
                if isinstance(r, dict):
                    keys = [k for k, v in r.items() if v is obj]
                    if keys:
                        print(f" (keys: {keys})", end="")
                elif isinstance(r, list):
                    print(f" (len={len(r)})", end="")
                elif isinstance(r, (type, type(None))):
                    print(f" (class {r})", end="")
                print()
# Usage
@ObjectTracker
class Service:
    def __init__(self, name: str):
        self.name = name
    def __repr__(self):
        return f"Service({self.name!r})"
s1 = Service("auth")
s2 = Service("db")
s3 = Service("cache")
try:
    print(Service.tracker.count()) # 3
except AttributeError as e:
    print("AttributeError:", e)
tracker = Service._cls.tracker
print(tracker is Service, s1.tracker is Service, Service.__name__, type(s1).__name__)
print(tracker.count()) # 3
print(tracker.all()) # [Service('auth'), Service('db'), Service('cache')]
del s2
import gc; gc.collect()
print(tracker.count()) # 2
print(len(tracker._instances)) # the callback pruned the dead ref
tracker.diagnose()
# Shows referrers for the 2 live Service instances
# An instance in a cycle is tracked until the collector frees it.
gc.disable()
s4 = Service("cyclic")
s4.me = s4
del s4
print(tracker.count(), len(tracker._instances))
gc.collect()
print(tracker.count(), len(tracker._instances))
gc.enable()
