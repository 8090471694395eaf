# Lesson 003, Part 4: gc.get_referrers / gc.get_referents on LeakyService.
# The lesson printed id(r); here the list is identified by identity instead.
# get_referents(svc1) is [svc1.__dict__, LeakyService] in CPython 3.10 and Ouroboros; CPython
# 3.11 (inline attribute values) gives ['auth', LeakyService] instead.
import gc
class LeakyService:
    instances = [] # class-level list - dangerous!
    def __init__(self, name):
        self.name = name
        LeakyService.instances.append(self) # keeps all instances alive forever
svc1 = LeakyService("auth")
svc2 = LeakyService("db")
# Who is referencing svc1?
referrers = gc.get_referrers(svc1)
print(len(referrers))
for r in sorted(referrers, key=lambda r: type(r).__name__):
    print(f"Referrer type: {type(r).__name__}")
    if isinstance(r, list):
        print(f"  List is LeakyService.instances: {r is LeakyService.instances}, len={len(r)}")
    elif isinstance(r, dict):
        keys = [k for k, v in r.items() if v is svc1]
        print(f"  Dict keys pointing to svc1: {keys}")
        print(f"  Dict is module globals: {r is globals()}")
# Will show: LeakyService.instances list is holding svc1
# What does svc1 refer to?
referents = gc.get_referents(svc1)
for ref in referents:
    print(f"Referent: {type(ref).__name__}: {ref!r}")
# Will show: svc1's __dict__, svc1's __class__, etc.
print(referents[0] is svc1.__dict__, referents[1] is LeakyService)
# Drop every strong reference: the instances go away.
LeakyService.instances.clear()
del svc1, svc2, referrers, r, referents, ref
print(gc.collect())
