class Account:
    def __init__(self):
        self._balance = 0
    def get_balance(self):
        return self._balance
    def set_balance(self, v):
        if v < 0:
            raise ValueError("negative balance")
        self._balance = v
    balance = property(get_balance, set_balance, None, "the balance")
a = Account()
a.balance = 50
print(a.balance, Account.balance.__doc__)
try:
    a.balance = -1
except ValueError as e:
    print("ValueError:", e)
print(type(Account.balance).__name__)
