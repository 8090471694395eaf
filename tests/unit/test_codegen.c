/* tests/unit/test_codegen.c — the compiler back end through its public entry points:
 * ouro_compile (symbol table + code generation) and ouro_disassemble. Checks code object
 * shapes, scope resolution, SyntaxErrors with CPython's messages and positions, and that
 * nothing leaks. */
#include <criterion/criterion.h>
#include <string.h>

#include "compiler/compiler.h"
#include "vm/ouro.h"

static OuroVM *vm;

static void setup(void) {
    vm = ouro_vm_new();
    cr_assert_not_null(vm);
}

static void teardown(void) {
    cr_assert_eq(ouro_vm_free(vm), 0, "objects leaked");
}

TestSuite(codegen, .init = setup, .fini = teardown);

static OuroCode *compile_ok(const char *src) {
    OuroObject *code = ouro_compile(vm, src, strlen(src), "<test>", OURO_MODE_EXEC);
    cr_assert_not_null(code, "compile failed: %s", src);
    return (OuroCode *)(void *)code;
}

/* The disassembly of src as a C string the caller frees. */
static char *dis(const char *src) {
    OuroCode *co = compile_ok(src);
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    cr_assert_eq(ouro_disassemble(vm, &co->ob, &b), 0);
    char *out = strndup(b.data, b.len);
    ouro_strbuf_release(&b);
    ouro_decref(vm, &co->ob);
    return out;
}

/* The nested code object constant named `name` (borrowed). */
static OuroCode *nested(OuroCode *co, const char *name) {
    for (size_t i = 0; i < ouro_tuple_size(co->consts); i++) {
        OuroObject *k = ouro_tuple_get(co->consts, i);
        if (!OURO_IS_SMALLINT(k) && k->type == &ouro_code_type &&
            ouro_str_equal_cstr(((OuroCode *)(void *)k)->name, name))
            return (OuroCode *)(void *)k;
    }
    return NULL;
}

static void expect_syntax_error(const char *src, const char *msg, int line, int offset) {
    OuroObject *code = ouro_compile(vm, src, strlen(src), "<test>", OURO_MODE_EXEC);
    cr_assert_null(code, "expected a SyntaxError for: %s", src);
    OuroObject *exc = ouro_err_fetch(vm);
    cr_assert_not_null(exc);
    cr_assert(ouro_object_is_instance_of_type(exc, &ouro_exc_SyntaxError));
    OuroObject *args = ((OuroException *)(void *)exc)->args;
    cr_assert_eq(ouro_tuple_size(args), 2);
    cr_assert(ouro_str_equal_cstr(ouro_tuple_get(args, 0), msg), "message for %s", src);
    OuroObject *loc = ouro_tuple_get(args, 1);
    cr_assert_eq(ouro_smallint_value(ouro_tuple_get(loc, 1)), line);
    cr_assert_eq(ouro_smallint_value(ouro_tuple_get(loc, 2)), offset);
    ouro_decref(vm, exc);
}

Test(codegen, module_ends_with_return_none) {
    OuroCode *co = compile_ok("x = 1\n");
    cr_assert_gt(co->ncode, 2);
    cr_assert(co->flags & OURO_CO_MODULE);
    cr_assert_eq(ouro_code_line(co, 0), 1);
    cr_assert_geq(co->stacksize, 1);
    ouro_decref(vm, &co->ob);
}

Test(codegen, constants_are_deduplicated) {
    OuroCode *co = compile_ok("a = 1\nb = 1\nc = 1.0\nd = True\n");
    /* 1, 1.0, True and None stay distinct; the second 1 is shared. */
    cr_assert_eq(ouro_tuple_size(co->consts), 4);
    ouro_decref(vm, &co->ob);
}

Test(codegen, function_locals_cells_and_frees) {
    OuroCode *co = compile_ok("def f(a, b=2, *args, k=3, **kw):\n"
                              "    x = a + b\n"
                              "    def g():\n"
                              "        return x + a\n"
                              "    return g\n");
    OuroCode *f = nested(co, "f");
    cr_assert_not_null(f);
    cr_assert_eq(f->argcount, 2);
    cr_assert_eq(f->kwonlyargcount, 1);
    cr_assert(f->flags & OURO_CO_VARARGS);
    cr_assert(f->flags & OURO_CO_VARKEYWORDS);
    cr_assert_eq(ouro_tuple_size(f->cellvars), 2);          /* a, x (sorted) */
    cr_assert_not_null(f->cell2arg);
    cr_assert_eq(f->cell2arg[0], 0);                        /* a is parameter 0 */
    cr_assert_eq(f->cell2arg[1], -1);
    OuroCode *g = nested(f, "g");
    cr_assert_not_null(g);
    cr_assert_eq(ouro_tuple_size(g->freevars), 2);
    cr_assert(ouro_str_equal_cstr(g->qualname, "f.<locals>.g"));
    ouro_decref(vm, &co->ob);
}

Test(codegen, generators_and_comprehensions) {
    OuroCode *co = compile_ok("def gen():\n    yield 1\nsq = [i * i for i in range(3)]\n");
    OuroCode *gen = nested(co, "gen");
    cr_assert(gen->flags & OURO_CO_GENERATOR);
    OuroCode *lc = nested(co, "<listcomp>");
    cr_assert_not_null(lc);
    cr_assert_eq(lc->argcount, 1);
    cr_assert_eq(lc->flags & OURO_CO_GENERATOR, 0);
    ouro_decref(vm, &co->ob);
}

Test(codegen, class_with_super_returns_class_cell) {
    char *out = dis("class C(B):\n    def m(self):\n        return super().m()\n");
    cr_assert(strstr(out, "LOAD_BUILD_CLASS"));
    cr_assert(strstr(out, "STORE_NAME               1 (__module__)"));
    cr_assert(strstr(out, "LOAD_CLOSURE             0 (__class__)"));
    free(out);
}

Test(codegen, method_calls_use_load_method) {
    char *out = dis("o.m(1, 2)\n");
    cr_assert(strstr(out, "LOAD_METHOD"));
    cr_assert(strstr(out, "CALL_METHOD              2"));
    free(out);
}

Test(codegen, disassembly_shows_jumps_and_nested_code) {
    char *out = dis("def f(x):\n    while x:\n        x -= 1\n    return x\n");
    cr_assert(strstr(out, "Disassembly of "));
    cr_assert(strstr(out, "(to "));
    cr_assert(strstr(out, "INPLACE_OP              10 (-=)"));
    free(out);
}

Test(codegen, scope_errors) {
    expect_syntax_error("break\n", "'break' outside loop", 1, 1);
    expect_syntax_error("def f():\n  continue\n", "'continue' not properly in loop", 2, 3);
    expect_syntax_error("return 5\n", "'return' outside function", 1, 1);
    expect_syntax_error("yield 1\n", "'yield' outside function", 1, 1);
    expect_syntax_error("nonlocal x\n", "nonlocal declaration not allowed at module level", 1, 1);
    expect_syntax_error("def f():\n    nonlocal y\n", "no binding for nonlocal 'y' found", 2, 5);
    expect_syntax_error("def f(a, b, a): pass\n", "duplicate argument 'a' in function definition",
                        1, 13);
    expect_syntax_error("def f():\n    x = 1\n    global x\n",
                        "name 'x' is assigned to before global declaration", 3, 5);
    expect_syntax_error("def f():\n    print(x)\n    global x\n",
                        "name 'x' is used prior to global declaration", 3, 5);
    expect_syntax_error("def f(a):\n    global a\n", "name 'a' is parameter and global", 2, 5);
}

Test(codegen, eval_mode_returns_the_value) {
    const char *src = "1 + 2";
    OuroObject *code = ouro_compile(vm, src, strlen(src), "<eval>", OURO_MODE_EVAL);
    cr_assert_not_null(code);
    ouro_decref(vm, code);
}
