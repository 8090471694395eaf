/* tests/unit/test_bigint.c — ints and floats through their C API and slots: normalisation
 * of immediates and GMP big ints, parsing and printing (with the 4300-digit limit),
 * floor division and modulo signs, correctly rounded conversions and true division, the
 * numeric hash, pow with a modulus, float repr and the format-spec mini-language. Every
 * test ends with no live objects. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "vm/ouro.h"
#include "vm/format_spec.h"

static OuroVM *vm;

static void setup(void) {
    vm = ouro_vm_new();
    cr_assert_not_null(vm);
}

static void teardown(void) {
    cr_assert_eq(ouro_vm_free(vm), 0, "objects leaked");
}

TestSuite(bigint, .init = setup, .fini = teardown);

static OuroObject *parse(const char *s, int base) {
    OuroObject *o = ouro_int_from_string(vm, s, strlen(s), base);
    cr_assert_not_null(o, "parse failed: %s", s);
    return o;
}

/* Asserts str(o) == expected and releases o. */
static void expect_text(OuroObject *o, const char *expected) {
    cr_assert_not_null(o);
    OuroObject *s = ouro_object_str(vm, o);
    cr_assert_not_null(s);
    cr_assert_str_eq(ouro_str_cstr(s), expected);
    ouro_decref(vm, s);
    ouro_decref(vm, o);
}

static OuroObject *binop(const char *a, const char *b, OuroBinaryOp op) {
    OuroObject *x = parse(a, 10), *y = parse(b, 10);
    OuroObject *r = ouro_number_binary(vm, x, y, op);
    ouro_decref(vm, x);
    ouro_decref(vm, y);
    return r;
}

/* Asserts that the raised exception is of type t with message msg, and clears it. */
static void expect_error(OuroType *t, const char *msg) {
    cr_assert(ouro_err_occurred(vm));
    cr_assert(ouro_err_matches(vm, t), "wrong exception type");
    OuroObject *exc = ouro_err_fetch(vm);
    OuroObject *s = ouro_object_str(vm, exc);
    cr_assert_not_null(s);
    cr_assert_str_eq(ouro_str_cstr(s), msg);
    ouro_decref(vm, s);
    ouro_decref(vm, exc);
}

Test(bigint, small_values_are_immediates) {
    OuroObject *o = ouro_int_from_i64(vm, 42);
    cr_assert(OURO_IS_SMALLINT(o));
    o = ouro_int_from_i64(vm, OURO_SMALLINT_MAX);
    cr_assert(OURO_IS_SMALLINT(o));
    o = ouro_int_from_i64(vm, (int64_t)OURO_SMALLINT_MAX + 1);
    cr_assert(!OURO_IS_SMALLINT(o));
    cr_assert_eq(o->type, &ouro_int_type);
    expect_text(o, "4611686018427387904");
}

Test(bigint, results_normalise_back_to_immediates) {
    OuroObject *r = binop("100000000000000000000000", "99999999999999999999999", OURO_NB_SUBTRACT);
    cr_assert(OURO_IS_SMALLINT(r));
    cr_assert_eq(ouro_smallint_value(r), 1);
    r = binop("4611686018427387903", "1", OURO_NB_ADD);
    cr_assert(!OURO_IS_SMALLINT(r));
    expect_text(r, "4611686018427387904");
}

Test(bigint, parse_and_print) {
    expect_text(parse("  -12_345_678_901_234_567_890  ", 10), "-12345678901234567890");
    expect_text(parse("0x_ff", 0), "255");
    expect_text(parse("-0b101", 0), "-5");
    expect_text(parse("zz", 36), "1295");
    expect_text(parse("000", 0), "0");
    cr_assert_null(ouro_int_from_string(vm, "010", 3, 0));
    expect_error(&ouro_exc_ValueError, "invalid literal for int() with base 0: '010'");
    cr_assert_null(ouro_int_from_string(vm, "1__0", 4, 10));
    expect_error(&ouro_exc_ValueError, "invalid literal for int() with base 10: '1__0'");
    cr_assert_null(ouro_int_from_string(vm, "1", 1, 1));
    expect_error(&ouro_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
}

Test(bigint, digit_limit) {
    char digits[4402];
    memset(digits, '7', 4401);
    digits[4401] = 0;
    cr_assert_null(ouro_int_from_string(vm, digits, 4401, 10));
    expect_error(&ouro_exc_ValueError,
                 "Exceeds the limit (4300 digits) for integer string conversion: value has "
                 "4401 digits; use sys.set_int_max_str_digits() to increase the limit");
    OuroObject *big = ouro_int_from_string(vm, digits, 4401, 16);   /* powers of 2: no limit */
    cr_assert_not_null(big);
    cr_assert_null(ouro_int_to_decimal(vm, big));
    expect_error(&ouro_exc_ValueError,
                 "Exceeds the limit (4300 digits) for integer string conversion; use "
                 "sys.set_int_max_str_digits() to increase the limit");
    ouro_decref(vm, big);
}

Test(bigint, floor_division_and_modulo_signs) {
    expect_text(binop("-7", "2", OURO_NB_FLOOR_DIVIDE), "-4");
    expect_text(binop("-7", "2", OURO_NB_REMAINDER), "1");
    expect_text(binop("7", "-2", OURO_NB_REMAINDER), "-1");
    expect_text(binop("-100000000000000000000000", "7", OURO_NB_FLOOR_DIVIDE),
                "-14285714285714285714286");
    expect_text(binop("-100000000000000000000000", "7", OURO_NB_REMAINDER), "2");
    cr_assert_null(binop("1", "0", OURO_NB_FLOOR_DIVIDE));
    expect_error(&ouro_exc_ZeroDivisionError, "integer division or modulo by zero");
    cr_assert_null(binop("1", "0", OURO_NB_REMAINDER));
    expect_error(&ouro_exc_ZeroDivisionError, "integer modulo by zero");
    OuroObject *a = parse("-7", 10), *b = parse("2", 10);
    expect_text(ouro_number_divmod(vm, a, b), "(-4, 1)");
}

Test(bigint, multiplication_overflow_and_shifts) {
    expect_text(binop("3037000500", "3037000500", OURO_NB_MULTIPLY), "9223372037000250000");
    expect_text(binop("1", "100", OURO_NB_LSHIFT), "1267650600228229401496703205376");
    expect_text(binop("-1267650600228229401496703205376", "99", OURO_NB_RSHIFT), "-2");
    expect_text(binop("-5", "1", OURO_NB_RSHIFT), "-3");
    cr_assert_null(binop("1", "-1", OURO_NB_LSHIFT));
    expect_error(&ouro_exc_ValueError, "negative shift count");
    expect_text(binop("-100000000000000000000", "255", OURO_NB_AND), "0");
    expect_text(binop("-100000000000000000000", "-1", OURO_NB_XOR), "99999999999999999999");
}

Test(bigint, powers) {
    expect_text(binop("2", "100", OURO_NB_POWER), "1267650600228229401496703205376");
    expect_text(binop("2", "-2", OURO_NB_POWER), "0.25");
    cr_assert_null(binop("0", "-1", OURO_NB_POWER));
    expect_error(&ouro_exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    OuroObject *b = parse("3", 10), *e = parse("-1", 10), *m = parse("7", 10);
    expect_text(ouro_number_power3(vm, b, e, m), "5");
    OuroObject *neg = parse("-7", 10), *two = parse("2", 10);
    expect_text(ouro_number_power3(vm, b, two, neg), "-5");
    OuroObject *four = parse("4", 10);
    cr_assert_null(ouro_number_power3(vm, two, e, four));
    expect_error(&ouro_exc_ValueError, "base is not invertible for the given modulus");
}

Test(bigint, conversions_to_double_round_correctly) {
    double d;
    OuroObject *o = parse("9007199254740993", 10);   /* 2**53 + 1: a tie, rounds to even */
    cr_assert_eq(ouro_int_as_double(vm, o, &d), 0);
    cr_assert_eq(d, 9007199254740992.0);
    ouro_decref(vm, o);
    o = parse("9007199254740995", 10);                /* tie, rounds up to even */
    cr_assert_eq(ouro_int_as_double(vm, o, &d), 0);
    cr_assert_eq(d, 9007199254740996.0);
    ouro_decref(vm, o);
    OuroObject *big = binop("10", "400", OURO_NB_POWER);
    cr_assert_eq(ouro_int_as_double(vm, big, &d), -1);
    expect_error(&ouro_exc_OverflowError, "int too large to convert to float");
    ouro_decref(vm, big);
}

Test(bigint, true_division_is_exact) {
    expect_text(binop("1", "3", OURO_NB_TRUE_DIVIDE), "0.3333333333333333");
    OuroObject *a = binop("10", "400", OURO_NB_POWER), *b = binop("10", "399", OURO_NB_POWER);
    expect_text(ouro_number_binary(vm, a, b, OURO_NB_TRUE_DIVIDE), "10.0");
    expect_text(ouro_number_binary(vm, b, a, OURO_NB_TRUE_DIVIDE), "0.1");
    OuroObject *one = parse("1", 10);
    cr_assert_null(ouro_number_binary(vm, a, one, OURO_NB_TRUE_DIVIDE));
    expect_error(&ouro_exc_OverflowError, "integer division result too large for a float");
    expect_text(ouro_number_binary(vm, one, a, OURO_NB_TRUE_DIVIDE), "0.0");
    ouro_decref(vm, a);
    ouro_decref(vm, b);
}

Test(bigint, numeric_hash) {
    OuroObject *o = parse("-1", 10);
    cr_assert_eq(ouro_object_hash(vm, o), -2);
    o = binop("2", "61", OURO_NB_POWER);
    cr_assert_eq(ouro_object_hash(vm, o), 1);
    ouro_decref(vm, o);
    o = binop("2", "100", OURO_NB_POWER);
    cr_assert_eq(ouro_object_hash(vm, o), 549755813888);
    OuroObject *f = ouro_float_new(vm, 1267650600228229401496703205376.0);
    cr_assert_eq(ouro_object_hash(vm, f), 549755813888);
    ouro_decref(vm, f);
    ouro_decref(vm, o);
    f = ouro_float_new(vm, 1.5);
    cr_assert_eq(ouro_object_hash(vm, f), 1152921504606846977);
    ouro_decref(vm, f);
    f = ouro_float_new(vm, INFINITY);
    cr_assert_eq(ouro_object_hash(vm, f), 314159);
    ouro_decref(vm, f);
}

Test(bigint, int_float_comparison_is_exact) {
    OuroObject *i = parse("9007199254740993", 10);
    OuroObject *f = ouro_float_new(vm, 9007199254740992.0);
    cr_assert_eq(ouro_object_richcompare_bool(vm, i, f, OURO_EQ), 0);
    cr_assert_eq(ouro_object_richcompare_bool(vm, i, f, OURO_GT), 1);
    cr_assert_eq(ouro_object_richcompare_bool(vm, f, i, OURO_LT), 1);
    ouro_decref(vm, i);
    ouro_decref(vm, f);
}

static void expect_repr(double v, const char *expected) {
    char buf[40];
    ouro_float_repr_cstr(v, buf, sizeof buf);
    cr_assert_str_eq(buf, expected);
}

Test(bigint, float_repr) {
    expect_repr(0.1, "0.1");
    expect_repr(0.1 + 0.2, "0.30000000000000004");
    expect_repr(1.0, "1.0");
    expect_repr(-0.0, "-0.0");
    expect_repr(1e16, "1e+16");
    expect_repr(1e-5, "1e-05");
    expect_repr(0.0001, "0.0001");
    expect_repr(1.5e300, "1.5e+300");
    expect_repr(5e-324, "5e-324");
    expect_repr(5.684341886080802e-14, "5.684341886080802e-14");   /* 2**-44 */
    expect_repr(INFINITY, "inf");
    expect_repr(-INFINITY, "-inf");
    expect_repr(NAN, "nan");
    expect_repr(123456789012345680.0, "1.2345678901234568e+17");
}

static void expect_format(OuroObject *value, const char *spec, const char *expected) {
    OuroObject *s = ouro_str_from_cstr(vm, spec);
    OuroObject *r = ouro_object_format(vm, value, s);
    cr_assert_not_null(r, "format(..., '%s') failed", spec);
    cr_assert_str_eq(ouro_str_cstr(r), expected, "spec '%s'", spec);
    ouro_decref(vm, r);
    ouro_decref(vm, s);
}

Test(bigint, format_spec) {
    OuroObject *n = parse("1234567", 10);
    expect_format(n, ",", "1,234,567");
    expect_format(n, "012,", "0,001,234,567");
    expect_format(n, "_x", "12_d687");
    expect_format(n, "#X", "0X12D687");
    expect_format(n, "*^13", "***1234567***");
    expect_format(n, "+e", "+1.234567e+06");
    ouro_decref(vm, n);
    OuroObject *f = ouro_float_new(vm, 0.25);
    expect_format(f, ".1%", "25.0%");
    expect_format(f, "", "0.25");
    expect_format(f, "=+10.3f", "+    0.250");
    ouro_decref(vm, f);
    f = ouro_float_new(vm, 1e20);
    expect_format(f, ",.2f", "100,000,000,000,000,000,000.00");
    ouro_decref(vm, f);
}

Test(bigint, format_spec_parser) {
    OuroFormatSpec spec;
    cr_assert_eq(ouro_format_spec_parse(vm, "x<+#012_.3g", 11, 0, '>', "float", &spec), 0);
    cr_assert_eq(spec.fill, 'x');
    cr_assert_eq(spec.align, '<');
    cr_assert_eq(spec.sign, '+');
    cr_assert(spec.alternate);
    cr_assert_eq(spec.width, 12);
    cr_assert_eq(spec.grouping, '_');
    cr_assert_eq(spec.precision, 3);
    cr_assert_eq(spec.type, 'g');
    cr_assert_eq(ouro_format_spec_parse(vm, ",_", 2, 'd', '>', "int", &spec), -1);
    expect_error(&ouro_exc_ValueError, "Cannot specify both ',' and '_'.");
    cr_assert_eq(ouro_format_spec_parse(vm, "abc", 3, 'd', '>', "int", &spec), -1);
    expect_error(&ouro_exc_ValueError, "Invalid format specifier 'abc' for object of type 'int'");
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    cr_assert_eq(ouro_format_spec_parse(vm, "^7", 2, 's', '<', "str", &spec), 0);
    ouro_format_pad(&b, &spec, "ab", 2, 2);
    cr_assert_eq(b.len, 7);
    cr_assert(memcmp(b.data, "  ab   ", 7) == 0);
    ouro_strbuf_release(&b);
}
