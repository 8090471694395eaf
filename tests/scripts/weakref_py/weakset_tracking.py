# The lessons' live-instance tracker: a class decorator registering every instance in a
# WeakSet (and a weakref-callback counter); instances leave it when they die, cycles at the
# next collection; iterating the set while members die is safe.
import gc
import weakref


def tracked(cls):
    cls.live = weakref.WeakSet()
    cls.died = 0
    init = cls.__init__

    def __init__(self, *args):
        init(self, *args)
        cls.live.add(self)

        def gone(r):
            cls.died += 1
            refs.discard(r)

        refs.add(weakref.ref(self, gone))

    cls.__init__ = __init__
    return cls


refs = set()


@tracked
class Session:
    def __init__(self, user):
        self.user = user


sessions = [Session("u%d" % i) for i in range(20)]
print(len(Session.live), Session.died)
del sessions[10:]
print(len(Session.live), Session.died)
a = Session("cyc1")
b = Session("cyc2")
a.peer, b.peer = b, a
del a, b
gc.collect()
print(len(Session.live), Session.died)
users = []
for s in Session.live:
    users.append(s.user)
    if len(users) == 3:
        sessions.clear()
print(len(users), len(Session.live), Session.died, len(refs))
