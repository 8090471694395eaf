/* vm/str_intern.c — interning: one canonical str object per distinct text, kept in
 * vm->interned (a dict mapping each interned str to itself, so the table owns them until
 * teardown clears it). The empty and one-character ASCII strings are canonical already. */
#include "vm/str_internal.h"

OuroObject *ouro_str_intern(OuroVM *vm, OuroObject *s) {
    OuroStr *r = ouro_str_raw(s);
    if (r->interned && ouro_str_check_exact(s)) return ouro_newref(s);
    if (r->size == 0) return ouro_newref(vm->empty_str);
    if (r->size == 1) return ouro_newref(vm->char_cache[(unsigned char)r->data[0]]);
    OuroObject *found = ouro_dict_get_str(vm->interned, s);
    if (found) return ouro_newref(found);
    /* Instances of str subclasses are never canonical: intern an exact copy. */
    OuroObject *exact = ouro_str_exact_copy(vm, s);
    if (!exact) return NULL;
    if (ouro_dict_set(vm, vm->interned, exact, exact) < 0) {
        ouro_decref(vm, exact);
        return NULL;
    }
    ouro_str_raw(exact)->interned = 1;
    return exact;
}

OuroObject *ouro_str_intern_cstr(OuroVM *vm, const char *cstr) {
    OuroObject *s = ouro_str_from_cstr(vm, cstr);
    if (!s) return NULL;
    OuroObject *r = ouro_str_intern(vm, s);
    ouro_decref(vm, s);
    return r;
}
