café = "coffee"
naïve = 3
π = 3.14159
print(café, naïve, π)
print("héllo wörld ✓")
