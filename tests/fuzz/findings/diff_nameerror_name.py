# differs only through a workaround: eval_ops.c's ouro_op_name_error does not set NameError.name
# (CPython's eval loop does). vm/traceback.c now recovers the name by parsing the message when
# the traceback entry is recorded; setting it at the raise (ouro_object_setattr(exc, "name", name))
# would be cleaner. Expected (CPython): "undefined_q".
try:
    undefined_q
except NameError as e:
    print(e.name)
