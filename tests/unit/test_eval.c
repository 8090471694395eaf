/* tests/unit/test_eval.c — the eval loop, calls, generators and tracebacks, end to end:
 * each test compiles a small program, runs it in a fresh VM, and checks repr(r) of the
 * module global `r`; teardown checks that every object was freed. */
#include "stdlib/stdlib.h"
#include "compiler/compiler.h"

#include <criterion/criterion.h>
#include <string.h>

static OuroVM *vm;

static void setup(void) {
    vm = ouro_vm_new();
    cr_assert_not_null(vm);
    char *argv[] = {"test_eval", NULL};
    cr_assert_eq(ouro_stdlib_init(vm, 1, argv), 0);
}

static void teardown(void) {
    size_t live = ouro_vm_free(vm);
    cr_expect_eq(live, 0, "%zu objects leaked", live);
}

TestSuite(eval, .init = setup, .fini = teardown, .timeout = 20);

/* Runs src as a module; returns repr(r) as a malloc'd C string ("<error>" on failure). */
static char *run_repr(const char *src) {
    OuroObject *code = vm->compile(vm, src, strlen(src), "<test>", OURO_MODE_EXEC);
    if (!code) {
        ouro_err_print(vm);
        return strdup("<compile error>");
    }
    OuroObject *g = ouro_dict_new(vm);
    ouro_dict_set_cstr(vm, g, "__name__", OURO_ID(vm, __main__));
    ouro_dict_set_cstr(vm, g, "__builtins__", vm->builtins_module);
    OuroObject *res = ouro_eval_code(vm, code, g, g);
    ouro_decref(vm, code);
    char *out;
    if (!res) {
        ouro_err_print(vm);
        out = strdup("<error>");
    } else {
        ouro_decref(vm, res);
        OuroObject *r = ouro_dict_get_cstr(vm, g, "r");
        OuroObject *s = r ? ouro_object_repr(vm, r) : NULL;
        out = strdup(s ? ouro_str_cstr(s) : "<no r>");
        ouro_xdecref(vm, s);
        ouro_err_clear(vm);
    }
    ouro_dict_clear(vm, g);
    ouro_decref(vm, g);
    return out;
}

static void check(const char *src, const char *expected) {
    char *got = run_repr(src);
    cr_expect_str_eq(got, expected, "program:\n%s", src);
    free(got);
}

Test(eval, arithmetic_and_overflow) {
    check("r = (1 + 2 * 3, 7 // -2, -7 % 3, 2 ** 10, 9223372036854775807 + 1, 1 / 4)",
          "(7, -4, 2, 1024, 9223372036854775808, 0.25)");
    check("x = 4611686018427387903\nr = x + x", "9223372036854775806");
}

Test(eval, functions_defaults_and_keywords) {
    check("def f(a, b=2, *args, k=5, **kw):\n    return (a, b, args, k, kw)\n"
          "r = [f(1), f(1, 3, 4, k=6, z=7), f(b=9, a=8)]",
          "[(1, 2, (), 5, {}), (1, 3, (4,), 6, {'z': 7}), (8, 9, (), 5, {})]");
    check("def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\nr = fact(20)",
          "2432902008176640000");
}

Test(eval, binding_errors) {
    check("def f(a, b): pass\ntry:\n    f(1, 2, 3)\nexcept TypeError as e:\n    r = str(e)",
          "'f() takes 2 positional arguments but 3 were given'");
    check("def f(a, b): pass\ntry:\n    f()\nexcept TypeError as e:\n    r = str(e)",
          "\"f() missing 2 required positional arguments: 'a' and 'b'\"");
    check("def f(a): pass\ntry:\n    f(1, z=2)\nexcept TypeError as e:\n    r = str(e)",
          "\"f() got an unexpected keyword argument 'z'\"");
    check("def f(a): pass\ntry:\n    f(1, a=2)\nexcept TypeError as e:\n    r = str(e)",
          "\"f() got multiple values for argument 'a'\"");
    check("def f(a, b=1): pass\ntry:\n    f(1, 2, 3)\nexcept TypeError as e:\n    r = str(e)",
          "'f() takes from 1 to 2 positional arguments but 3 were given'");
    check("def f(*, k): pass\ntry:\n    f()\nexcept TypeError as e:\n    r = str(e)",
          "\"f() missing 1 required keyword-only argument: 'k'\"");
}

Test(eval, closures_and_cells) {
    check("def outer():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n"
          "        return n\n    return inc\nc = outer()\nc()\nr = c()",
          "2");
}

Test(eval, exceptions_and_finally) {
    check("log = []\ntry:\n    try:\n        1 / 0\n    finally:\n        log.append('f')\n"
          "except ZeroDivisionError as e:\n    log.append(str(e))\nr = log",
          "['f', 'division by zero']");
    check("try:\n    try:\n        raise KeyError('a')\n    except KeyError:\n"
          "        raise ValueError('b')\nexcept ValueError as e:\n    r = repr(e.__context__)",
          "\"KeyError('a')\"");
    check("try:\n    raise ValueError('x') from KeyError('y')\nexcept ValueError as e:\n"
          "    r = (repr(e.__cause__), e.__suppress_context__)",
          "(\"KeyError('y')\", True)");
}

Test(eval, generators) {
    check("def g(n):\n    for i in range(n):\n        x = yield i\nr = list(g(4))", "[0, 1, 2, 3]");
    check("def inner():\n    yield 1\n    return 'done'\n"
          "def outer():\n    v = yield from inner()\n    yield v\nr = list(outer())",
          "[1, 'done']");
    check("def g():\n    try:\n        yield 1\n    finally:\n        log.append('closed')\n"
          "log = []\nit = g()\nnext(it)\ndel it\nr = log",
          "['closed']");
    check("def g():\n    yield 1\nit = g()\ntry:\n    it.send(5)\nexcept TypeError as e:\n"
          "    r = str(e)",
          "\"can't send non-None value to a just-started generator\"");
    check("def g():\n    raise StopIteration\n    yield\ntry:\n    next(g())\n"
          "except RuntimeError as e:\n    r = str(e)",
          "'generator raised StopIteration'");
}

Test(eval, classes_and_super) {
    check("class A:\n    def who(self):\n        return 'A'\n"
          "class B(A):\n    def who(self):\n        return 'B' + super().who()\nr = B().who()",
          "'BA'");
}

Test(eval, deep_recursion_is_an_error) {
    check("import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\n"
          "try:\n    f(0)\nexcept RecursionError:\n    r = 'ok'",
          "'ok'");
}

Test(eval, traceback_format) {
    const char *src = "def f():\n    1 / 0\nf()\n";
    OuroObject *code = vm->compile(vm, src, strlen(src), "<test>", OURO_MODE_EXEC);
    cr_assert_not_null(code);
    OuroObject *g = ouro_dict_new(vm);
    ouro_dict_set_cstr(vm, g, "__builtins__", vm->builtins_module);
    OuroObject *res = ouro_eval_code(vm, code, g, g);
    cr_assert_null(res);
    OuroObject *exc = ouro_err_fetch(vm);
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_traceback_format(vm, ((OuroException *)exc)->traceback, &b);
    OuroObject *s = ouro_strbuf_finish(vm, &b);
    cr_expect_str_eq(ouro_str_cstr(s),
                     "Traceback (most recent call last):\n"
                     "  File \"<test>\", line 3, in <module>\n"
                     "  File \"<test>\", line 2, in f\n");
    ouro_decref(vm, s);
    ouro_decref(vm, exc);
    ouro_decref(vm, code);
    ouro_dict_clear(vm, g);
    ouro_decref(vm, g);
}
