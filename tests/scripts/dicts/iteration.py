prices = {"apple": 1.5, "bread": 2.25, "milk": 0.99}
for name in prices:
    print(name, prices[name])
for name, price in prices.items():
    print(f"{name:>6}: {price:.2f}")
total = 0
for price in prices.values():
    total += price
print(round(total, 2))
try:
    for name in prices:
        prices[name + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
