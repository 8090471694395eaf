print("before the error")
undefined_variable_qqq
print("never printed")
