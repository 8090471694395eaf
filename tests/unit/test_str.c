/* tests/unit/test_str.c — str through its C API and its methods: UTF-8 intake (replacement of
 * ill-formed input), code-point indexing and slicing, hashing and ordering, interning, the
 * error-message formatter (%s %d %R %S %U %T %p ...), repr/ascii escapes, the methods with
 * CPython 3.11's results and error messages, str.format, %-formatting and __format__.
 * Expected values were produced by CPython 3.11. Every test ends with no leaked object. */
#include <criterion/criterion.h>

#include "vm/ouro.h"

#include <stdarg.h>
#include <string.h>

static OuroVM *vm;

static void setup(void) {
    vm = ouro_vm_new();
    cr_assert_not_null(vm);
}

static void teardown(void) {
    cr_assert_null(vm->exc, "exception left set");
    size_t live = ouro_vm_free(vm);
    cr_assert_eq(live, 0, "%zu objects leaked", live);
}

TestSuite(str, .init = setup, .fini = teardown);

static OuroObject *S(const char *s) {
    OuroObject *o = ouro_str_from_cstr(vm, s);
    cr_assert_not_null(o);
    return o;
}

/* Checks that o is a str equal to text; releases o. */
static void expect_str(OuroObject *o, const char *text) {
    cr_assert_not_null(o, "unexpected exception");
    cr_assert(ouro_str_check(o));
    cr_expect_str_eq(ouro_str_cstr(o), text);
    ouro_decref(vm, o);
}

/* repr(o) compared to text; releases o. */
static void expect_repr(OuroObject *o, const char *text) {
    cr_assert_not_null(o, "unexpected exception");
    OuroObject *r = ouro_object_repr(vm, o);
    cr_assert_not_null(r);
    cr_expect_str_eq(ouro_str_cstr(r), text);
    ouro_decref(vm, r);
    ouro_decref(vm, o);
}

/* Checks that the last call failed with "Type: message", and clears it. */
static void expect_error(OuroObject *result, OuroType *type, const char *message) {
    cr_assert_null(result, "expected %s", type->name);
    cr_assert_not_null(vm->exc);
    cr_expect(ouro_err_matches(vm, type), "wrong exception type %s",
              ouro_type_name(ouro_type_of(vm->exc)));
    OuroObject *exc = ouro_err_fetch(vm);
    OuroObject *msg = ouro_object_str(vm, exc);
    cr_assert_not_null(msg);
    cr_expect_str_eq(ouro_str_cstr(msg), message);
    ouro_decref(vm, msg);
    ouro_decref(vm, exc);
}

/* s.name(*args) where s and every argument are given as new references (stolen). */
static OuroObject *call(OuroObject *s, const char *name, int nargs, ...) {
    OuroObject *args[8];
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++) args[i] = va_arg(ap, OuroObject *);
    va_end(ap);
    OuroObject *n = ouro_str_intern_cstr(vm, name);
    OuroObject *r = ouro_object_call_method(vm, s, n, args, (size_t)nargs);
    ouro_decref(vm, n);
    ouro_decref(vm, s);
    for (int i = 0; i < nargs; i++) ouro_decref(vm, args[i]);
    return r;
}

static OuroObject *I(int64_t v) { return ouro_int_from_i64(vm, v); }

/* ---- construction and representation --------------------------------------------------- */

Test(str, utf8_lengths_and_ascii_flag) {
    OuroObject *a = S("hello"), *u = S("h\xc3\xa9llo \xf0\x9f\x98\x80");
    cr_expect_eq(ouro_str_length(a), 5);
    cr_expect(((OuroStr *)a)->ascii);
    cr_expect_eq(ouro_str_length(u), 7);
    cr_expect_eq(ouro_str_size(u), 11);
    cr_expect(!((OuroStr *)u)->ascii);
    ouro_decref(vm, a);
    ouro_decref(vm, u);
}

Test(str, invalid_utf8_is_replaced) {
    OuroObject *s = ouro_str_from_utf8(vm, "a\xc3(b\xe2\x82z\xc0\xaf", 9);
    cr_assert_not_null(s);
    cr_expect_eq(ouro_str_length(s), 8);
    expect_str(s, "a\xef\xbf\xbd(b\xef\xbf\xbdz\xef\xbf\xbd\xef\xbf\xbd");
}

Test(str, caches_share_objects) {
    OuroObject *e = ouro_str_from_utf8(vm, "", 0), *c = ouro_str_from_utf8(vm, "x", 1);
    cr_expect_eq(e, vm->empty_str);
    cr_expect_eq(c, vm->char_cache['x']);
    ouro_decref(vm, e);
    ouro_decref(vm, c);
}

/* repr(s) compared to text; releases s. */
static void expect_str_repr(OuroObject *s, const char *text) {
    expect_str(ouro_str_repr(vm, s), text);
    ouro_decref(vm, s);
}

Test(str, repr_quotes_and_escapes) {
    expect_str_repr(S("a'b\"c"), "'a\\'b\"c'");
    expect_str_repr(S("a'b"), "\"a'b\"");
    expect_str_repr(S("\t\n\r\\\x01\x7f"), "'\\t\\n\\r\\\\\\x01\\x7f'");
    expect_str_repr(S("\xc2\x80\xc2\xa0\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80"),
                    "'\\x80\\xa0\xc3\xa9\\u2028\xf0\x9f\x98\x80'");
    OuroObject *s = S("\xc3\xa9\xf0\x9f\x98\x80");
    expect_str(ouro_str_ascii(vm, s), "'\\xe9\\U0001f600'");
    ouro_decref(vm, s);
}

Test(str, from_format_codes) {
    OuroObject *s = S("h\xc3\xa9"), *q = S("x'y");
    expect_str(ouro_str_from_format(vm, "%s|%d|%ld|%lld|%zd|%zu|%u|%x|%%|%c", "a", -1, 2L, 3LL,
                                    (ssize_t)-4, (size_t)5, 6u, 255u, 0xe9),
               "a|-1|2|3|-4|5|6|ff|%|\xc3\xa9");
    expect_str(ouro_str_from_format(vm, "%R %S %U %T %T", s, s, q, s, ouro_smallint(1)),
               "'h\xc3\xa9' h\xc3\xa9 x'y str int");
    expect_str(ouro_str_from_format(vm, "%.3s|%.1U|%p|%p", "abcdef", s, (void *)0x10, NULL),
               "abc|h|0x10|0x0");
    ouro_decref(vm, s);
    ouro_decref(vm, q);
}

Test(str, interning) {
    OuroObject *a = ouro_str_intern_cstr(vm, "some_identifier");
    OuroObject *tmp = S("some_identifier");
    OuroObject *b = ouro_str_intern(vm, tmp);
    cr_expect_eq(a, b);
    cr_expect_neq(a, tmp);
    ouro_decref(vm, a);
    ouro_decref(vm, b);
    ouro_decref(vm, tmp);
}

Test(str, hash_equality_order) {
    OuroObject *a = S("\xc3\xa9t\xc3\xa9"), *b = S("\xc3\xa9t\xc3\xa9"), *c = S("z");
    cr_expect_eq(ouro_str_hash(a), ouro_str_hash(b));
    cr_expect(ouro_str_equal(a, b));
    cr_expect_gt(ouro_str_compare(a, c), 0);   /* code-point order: U+00E9 > 'z' */
    cr_expect(ouro_str_equal_cstr(c, "z"));
    ouro_decref(vm, a);
    ouro_decref(vm, b);
    ouro_decref(vm, c);
}

Test(str, slicing_by_code_point) {
    OuroObject *s = S("h\xc3\xa9llo\xf0\x9f\x98\x80");
    expect_str(ouro_str_slice(vm, s, 1, 3), "\xc3\xa9l");
    expect_str(ouro_str_slice(vm, s, 4, 100), "o\xf0\x9f\x98\x80");
    expect_str(ouro_str_slice(vm, s, 3, 1), "");
    OuroObject *idx = ouro_smallint(-1);
    expect_str(ouro_object_getitem(vm, s, idx), "\xf0\x9f\x98\x80");
    expect_error(ouro_object_getitem(vm, s, ouro_smallint(6)), &ouro_exc_IndexError,
                 "string index out of range");
    ouro_decref(vm, s);
}

/* ---- operators ------------------------------------------------------------------------------ */

Test(str, concat_repeat_errors) {
    OuroObject *a = S("ab"), *b = S("\xc3\xa9");
    expect_str(ouro_number_binary(vm, a, b, OURO_NB_ADD), "ab\xc3\xa9");
    expect_str(ouro_number_binary(vm, ouro_smallint(3), b, OURO_NB_MULTIPLY), "\xc3\xa9\xc3\xa9\xc3\xa9");
    expect_error(ouro_number_binary(vm, a, ouro_smallint(1), OURO_NB_ADD), &ouro_exc_TypeError,
                 "can only concatenate str (not \"int\") to str");
    expect_error(ouro_number_binary(vm, ouro_smallint(1), a, OURO_NB_ADD), &ouro_exc_TypeError,
                 "unsupported operand type(s) for +: 'int' and 'str'");
    expect_error(ouro_number_binary(vm, a, a, OURO_NB_MULTIPLY), &ouro_exc_TypeError,
                 "can't multiply sequence by non-int of type 'str'");
    cr_expect_eq(ouro_object_contains(vm, a, b), 0);
    expect_error(ouro_object_contains(vm, a, ouro_smallint(1)) < 0 ? NULL : ouro_none,
                 &ouro_exc_TypeError, "'in <string>' requires string as left operand, not int");
    ouro_decref(vm, a);
    ouro_decref(vm, b);
}

/* ---- methods -------------------------------------------------------------------------------- */

Test(str, split_and_join) {
    expect_repr(call(S("  a  b\tc "), "split", 0), "['a', 'b', 'c']");
    expect_repr(call(S("a,b,,c"), "split", 1, S(",")), "['a', 'b', '', 'c']");
    expect_repr(call(S("a b c"), "rsplit", 2, ouro_newref(ouro_none), I(1)), "['a b', 'c']");
    expect_repr(call(S("a\nb\r\nc"), "splitlines", 0), "['a', 'b', 'c']");
    expect_error(call(S("a"), "split", 1, S("")), &ouro_exc_ValueError, "empty separator");
    OuroObject *parts = call(S("x y z"), "split", 0);
    expect_str(call(S("-"), "join", 1, parts), "x-y-z");
    OuroObject *bad = ouro_list_new(vm, 0);
    ouro_list_append_steal(vm, bad, I(1));
    expect_error(call(S("-"), "join", 1, bad), &ouro_exc_TypeError,
                 "sequence item 0: expected str instance, int found");
}

Test(str, search_methods) {
    expect_repr(call(S("h\xc3\xa9llo"), "find", 1, S("l")), "2");
    expect_repr(call(S("h\xc3\xa9llo"), "rfind", 1, S("l")), "3");
    expect_repr(call(S("abcabc"), "count", 1, S("bc")), "2");
    expect_repr(call(S("abc"), "startswith", 1, ouro_tuple_pack(vm, 2, vm->empty_str, vm->empty_str)),
                "True");
    expect_error(call(S("abc"), "index", 1, S("z")), &ouro_exc_ValueError, "substring not found");
    expect_error(call(S("abc"), "find", 0), &ouro_exc_TypeError,
                 "find() takes at least 1 argument (0 given)");
}

Test(str, case_and_predicates) {
    expect_str(call(S("stra\xc3\x9f" "e"), "upper", 0), "STRASSE");
    expect_str(call(S("\xce\x91\xce\xa3"), "lower", 0), "\xce\xb1\xcf\x82");   /* final sigma */
    expect_str(call(S("they're bill's"), "title", 0), "They'Re Bill'S");
    expect_repr(call(S("\xc2\xbd"), "isnumeric", 0), "True");
    expect_repr(call(S("\xc2\xbd"), "isdigit", 0), "False");
    expect_repr(call(S("_x1"), "isidentifier", 0), "True");
}

Test(str, padding_strip_replace) {
    expect_str(call(S("abc"), "center", 2, I(7), S("*")), "**abc**");
    expect_str(call(S("-42"), "zfill", 1, I(6)), "-00042");
    expect_str(call(S("a\tb"), "expandtabs", 1, I(4)), "a   b");
    expect_str(call(S("xxhixx"), "strip", 1, S("x")), "hi");
    expect_str(call(S("abc"), "replace", 2, S(""), S("-")), "-a-b-c-");
    expect_error(call(S("a"), "center", 2, I(3), S("ab")), &ouro_exc_TypeError,
                 "The fill character must be exactly one character long");
}

Test(str, translate_maketrans) {
    OuroObject *table = call(S(""), "maketrans", 3, S("ab"), S("xy"), S("c"));
    expect_str(call(S("abcd"), "translate", 1, table), "xyd");
}

/* ---- formatting ------------------------------------------------------------------------------ */

Test(str, format_method_fields) {
    expect_str(call(S("{0}-{1}-{0}"), "format", 2, S("a"), S("b")), "a-b-a");
    expect_str(call(S("{:>5}|{:^5}|{:.2}"), "format", 3, S("a"), S("b"), S("xyz")),
               "    a|  b  |xy");
    expect_str(call(S("{0!r:>6}"), "format", 1, S("a")), "   'a'");
    expect_str(call(S("{{}}"), "format", 0), "{}");
    expect_error(call(S("{"), "format", 0), &ouro_exc_ValueError,
                 "Single '{' encountered in format string");
    expect_error(call(S("{0}{}"), "format", 2, I(1), I(2)), &ouro_exc_ValueError,
                 "cannot switch from manual field specification to automatic field numbering");
    expect_error(call(S("{1}"), "format", 1, I(1)), &ouro_exc_IndexError,
                 "Replacement index 1 out of range for positional args tuple");
}

Test(str, percent_formatting) {
    OuroObject *args = ouro_tuple_pack(vm, 3, ouro_smallint(42), vm->empty_str, ouro_smallint(255));
    OuroObject *fmt = S("%5d|%s|%#x|%%");
    expect_str(ouro_number_binary(vm, fmt, args, OURO_NB_REMAINDER), "   42||0xff|%");
    ouro_decref(vm, fmt);
    ouro_decref(vm, args);
    fmt = S("%s %s");
    OuroObject *one = S("x");
    expect_error(ouro_number_binary(vm, fmt, one, OURO_NB_REMAINDER), &ouro_exc_TypeError,
                 "not enough arguments for format string");
    ouro_decref(vm, fmt);
    fmt = S("%d");
    expect_error(ouro_number_binary(vm, fmt, one, OURO_NB_REMAINDER), &ouro_exc_TypeError,
                 "%d format: a real number is required, not str");
    ouro_decref(vm, fmt);
    ouro_decref(vm, one);
}

Test(str, dunder_format) {
    OuroObject *s = S("\xc3\xa9t\xc3\xa9"), *spec = S("*^7");
    expect_str(ouro_str_format_with_spec(vm, s, spec), "**\xc3\xa9t\xc3\xa9**");
    ouro_decref(vm, spec);
    spec = S("d");
    expect_error(ouro_str_format_with_spec(vm, s, spec), &ouro_exc_ValueError,
                 "Unknown format code 'd' for object of type 'str'");
    ouro_decref(vm, spec);
    ouro_decref(vm, s);
}
