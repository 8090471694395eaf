/* vm/str_unicode.h — the Unicode character database for str's methods (owned by the str
 * files): property flags, decimal values and full case mappings of every code point, read
 * from the generated table vm/str_unicode_db.c. ASCII callers should take their own fast
 * paths first; these lookups are for code points >= 0x80 (they work for all). */
#ifndef OURO_VM_STR_UNICODE_H
#define OURO_VM_STR_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    OURO_UC_ALPHA = 1, OURO_UC_DECIMAL = 2, OURO_UC_DIGIT = 4, OURO_UC_NUMERIC = 8,
    OURO_UC_SPACE = 16, OURO_UC_LOWER = 32, OURO_UC_UPPER = 64, OURO_UC_TITLE = 128,
    OURO_UC_CASED = 256, OURO_UC_CASE_IGNORABLE = 512, OURO_UC_PRINTABLE = 1024,
    OURO_UC_XID_START = 2048, OURO_UC_XID_CONTINUE = 4096,
    OURO_UC_EXTENDED = 8192,          /* case[] index ouro_unicode_ext, else they are deltas */
};

typedef struct OuroUnicodeRecord {
    uint16_t flags;
    int8_t decimal;                   /* decimal digit value, -1 when none */
    int32_t cases[4];                 /* upper, lower, title, casefold */
} OuroUnicodeRecord;

enum { OURO_CASE_UPPER, OURO_CASE_LOWER, OURO_CASE_TITLE, OURO_CASE_FOLD };

extern const OuroUnicodeRecord ouro_unicode_records[];
extern const uint16_t ouro_unicode_index1[];
extern const uint16_t ouro_unicode_index2[];
extern const uint32_t ouro_unicode_ext[];

static inline const OuroUnicodeRecord *ouro_unicode_record(uint32_t cp) {
    if (cp >= 0x110000) cp = 0xFFFF;  /* a noncharacter: no properties */
    unsigned block = ouro_unicode_index1[cp >> 7];
    return &ouro_unicode_records[ouro_unicode_index2[(block << 7) | (cp & 127)]];
}
static inline bool ouro_unicode_has(uint32_t cp, unsigned flag) {
    return (ouro_unicode_record(cp)->flags & flag) != 0;
}
static inline bool ouro_unicode_isspace(uint32_t cp) {
    if (cp < 128) return cp == ' ' || (cp >= 9 && cp <= 13) || (cp >= 0x1c && cp <= 0x1f);
    return ouro_unicode_has(cp, OURO_UC_SPACE);
}
static inline bool ouro_unicode_isalnum(uint32_t cp) {
    return ouro_unicode_has(cp, OURO_UC_ALPHA | OURO_UC_DECIMAL | OURO_UC_DIGIT |
                                    OURO_UC_NUMERIC);
}
/* Py_UNICODE_ISLINEBREAK: what str.splitlines() splits on. */
static inline bool ouro_unicode_islinebreak(uint32_t cp) {
    return (cp >= 10 && cp <= 13) || (cp >= 0x1c && cp <= 0x1e) || cp == 0x85 ||
           cp == 0x2028 || cp == 0x2029;
}
/* The decimal value of a decimal digit (any script), or -1. */
static inline int ouro_unicode_decimal(uint32_t cp) {
    if (cp < 128) return cp >= '0' && cp <= '9' ? (int)(cp - '0') : -1;
    return ouro_unicode_record(cp)->decimal;
}
/* Full case mapping (which: OURO_CASE_*) of cp into out[0..3]; returns the count (1-3). */
static inline int ouro_unicode_case(uint32_t cp, int which, uint32_t out[3]) {
    const OuroUnicodeRecord *r = ouro_unicode_record(cp);
    if (!(r->flags & OURO_UC_EXTENDED)) {
        out[0] = (uint32_t)((int32_t)cp + r->cases[which == OURO_CASE_FOLD ? OURO_CASE_LOWER
                                                                            : which]);
        return 1;
    }
    const uint32_t *e = &ouro_unicode_ext[r->cases[which]];
    for (uint32_t i = 0; i < e[0]; i++) out[i] = e[1 + i];
    return (int)e[0];
}

#endif
