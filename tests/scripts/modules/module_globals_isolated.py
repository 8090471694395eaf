import helper_counter
count = "main's count"
helper_counter.bump()
print(count, helper_counter.count)
helper_counter.count = 100
helper_counter.bump()
print(helper_counter.count)
