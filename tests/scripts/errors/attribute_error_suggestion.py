# An uncaught AttributeError offers the closest entry of dir(obj); the exception records
# the object and the name it was asked for.
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
    def deposit(self, amount):
        self.balance += amount
acct = Account("ann")
try:
    acct.balanse
except AttributeError as e:
    print("caught:", e, "| name:", e.name, "| obj is acct:", e.obj is acct)
e = AttributeError("made by hand")
print(e.name, e.obj)
acct.deposti
