/* vm/obj_bool.c — bool: a subclass of int (not subclassable itself) with exactly two
 * instances, the immortal statics True and False. Arithmetic is int's (bools read as 0/1
 * and give plain ints), except & | ^ of two bools, which stay bools. */
#define OURO_NUMBERS_INTERNAL
#include "vm/int_internal.h"

OuroObject ouro_true_object = { OURO_IMMORTAL_REFCNT, &ouro_bool_type };
OuroObject ouro_false_object = { OURO_IMMORTAL_REFCNT, &ouro_bool_type };

static bool is_bool(OuroObject *o) { return !OURO_IS_SMALLINT(o) && o->type == &ouro_bool_type; }

static OuroObject *bool_repr(OuroVM *vm, OuroObject *o) {
    return ouro_str_from_cstr(vm, o == ouro_true ? "True" : "False");
}

static OuroObject *bool_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (ouro_args_check(vm, "bool", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 0) return ouro_false;
    int truth = ouro_object_truthy(vm, args[0]);
    if (truth < 0) return NULL;
    return ouro_bool_from(truth);
}

static OuroObject *bool_and(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (is_bool(a) && is_bool(b)) return ouro_bool_from(a == ouro_true && b == ouro_true);
    return ouro_int_slot_and(vm, a, b);
}

static OuroObject *bool_or(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (is_bool(a) && is_bool(b)) return ouro_bool_from(a == ouro_true || b == ouro_true);
    return ouro_int_slot_or(vm, a, b);
}

static OuroObject *bool_xor(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (is_bool(a) && is_bool(b)) return ouro_bool_from(a != b);
    return ouro_int_slot_xor(vm, a, b);
}

/* True and False are immortal statics: nothing to free. */
static void bool_dealloc(OuroHeap *heap, OuroObject *o) { (void)heap; (void)o; }

OuroType ouro_bool_type = {
    .ob = { OURO_IMMORTAL_REFCNT, &ouro_type_type },
    .hooks = { .dealloc = bool_dealloc },
    .name = "bool",
    .basicsize = sizeof(OuroObject),
    .flags = OURO_TPFLAG_INT_SUBCLASS,
    .base = &ouro_int_type,
    .repr = bool_repr,
    .new_ = bool_new,
    .nb = {
        [OURO_NB_AND] = bool_and,
        [OURO_NB_OR] = bool_or,
        [OURO_NB_XOR] = bool_xor,
    },
    .doc = "bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\n"
           "The builtins True and False are the only two instances of the class bool.\n"
           "The class bool is a subclass of the class int, and cannot be subclassed.",
};
