# differs: ouro prints "None NoneType" three times; CPython prints "p P" (the AttributeError
# raised inside a property reached through the eval loop's LOAD_ATTR fast path never gets
# .name/.obj). Fix in vm/eval.c: after a failed descriptor __get__ on the fast path, call
# ouro_exc_attribute_error_context(vm, obj, name) (vm/obj_exc.h), as ouro_object_getattr does.
class P:
    @property
    def p(self):
        raise AttributeError("inner")
x = P()
for i in range(3):
    try:
        x.p
    except AttributeError as e:
        print(e.name, type(e.obj).__name__)
