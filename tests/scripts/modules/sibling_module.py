import helper_counter
print("main: imported helper_counter")
helper_counter.bump()
helper_counter.bump()
print(helper_counter.count)
import helper_counter
print("second import does not re-run the module")
print(helper_counter.count)
from helper_counter import count
helper_counter.bump()
print(count, helper_counter.count)
