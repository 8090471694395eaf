import helper_errors
print("calling into helper")
helper_errors.fail_deep()
