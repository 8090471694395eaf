# leakcheck: a session kept by a module-level cache and a class-level list survives; its
# referrer chains are printed and drawn (the .dot file is read back, then removed); a
# temporary dies; objects that cannot be weakly referenced are refused.
import os
import leakcheck


class Session:
    def __init__(self, user):
        self.user = user


class Registry:
    sessions = []


cache = {}


def login(user):
    s = Session(user)
    cache[user] = s
    Registry.sessions.append(s)
    leakcheck.should_go_away(s, 'session_' + user)
    return s.user


def temp():
    t = Session('tmp')
    leakcheck.should_go_away(t)


login('ann')
temp()
print(leakcheck.pending())
print(leakcheck.check())
with open('leak_session_ann.dot') as f:
    print(f.read(), end='')
os.remove('leak_session_ann.dot')

temp()
print(leakcheck.check(delay_collections=2))
print(leakcheck.check())

try:
    leakcheck.should_go_away([1, 2])
except TypeError as e:
    print('TypeError:', e)
