def lookup():
    missing_global_zzz
def caller():
    lookup()
print("start")
caller()
