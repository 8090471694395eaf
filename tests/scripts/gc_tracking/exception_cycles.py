# Exceptions in cycles. Ouroboros's tracebacks hold no frame objects (there is no
# tb_frame), so the classic CPython cycle exception -> traceback -> frame -> local variable ->
# exception does not exist here: an exception kept in a local after `except ... as e` dies by
# reference counting when the function returns. CPython 3.11 frees it only in gc.collect().
# Hand-edited golden for the first block (marked "no frame cycle"); the explicit cycles
# below (through __context__ and an exception's __dict__) behave the same everywhere.
import gc

gc.disable()


class E(Exception):
    def __del__(self):
        print("  del", self.args[0] if self.args else "E")


def keep_in_local():
    try:
        raise E("kept in a local")
    except E as e:
        err = e
    return None


gc.collect()
keep_in_local()
print("returned")                       # no frame cycle: CPython prints this before "del"
print("collected:", gc.collect() > 0)   # no frame cycle: CPython True


def context_cycle():
    # inner.__context__ is None, outer.__context__ is inner; closing the loop makes a cycle
    # that does not depend on frames.
    try:
        try:
            raise E("inner")
        except E:
            raise E("outer")
    except E as outer:
        outer.__context__.__context__ = outer


gc.collect()
context_cycle()
print("context cycle collected:", gc.collect() > 0)


def dict_cycle():
    e = E()   # no args: a fresh args tuple would count in CPython (see tuple_untracking.py)
    e.me = e


gc.collect()
dict_cycle()
print("dict cycle:", gc.collect())


def traceback_kept():
    try:
        raise E("with traceback")
    except E as e:
        e.tb = e.__traceback__   # traceback objects are containers: the cycle is found
        holder = [e]
        e.holder = holder


gc.collect()
traceback_kept()
print("traceback cycle collected:", gc.collect() > 0)
gc.enable()
