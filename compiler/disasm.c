/* compiler/disasm.c — ouro_disassemble for `ouro --dis`: CPython's dis layout (line number
 * at each new line, `>>` on jump targets, instruction index, opcode name, argument and its
 * meaning in parentheses), then every nested code object after a blank line under a
 * "Disassembly of <code object ...>:" header. Reads code objects only; never modifies. */
#define OURO_COMPILER_INTERNAL 1
#include "compiler/codegen.h"

#include <stdlib.h>
#include <string.h>

static const char *const binop_symbols[OURO_NB_COUNT] = {
    [OURO_NB_ADD] = "+", [OURO_NB_AND] = "&", [OURO_NB_FLOOR_DIVIDE] = "//",
    [OURO_NB_LSHIFT] = "<<", [OURO_NB_MATRIX_MULTIPLY] = "@", [OURO_NB_MULTIPLY] = "*",
    [OURO_NB_REMAINDER] = "%", [OURO_NB_OR] = "|", [OURO_NB_POWER] = "**",
    [OURO_NB_RSHIFT] = ">>", [OURO_NB_SUBTRACT] = "-", [OURO_NB_TRUE_DIVIDE] = "/",
    [OURO_NB_XOR] = "^",
};

static const char *const cmp_symbols[] = {"<", "<=", "==", "!=", ">", ">="};

static bool is_name_op(unsigned op) {
    switch (op) {
    case OURO_CGOP_LOAD_NAME: case OURO_CGOP_STORE_NAME: case OURO_CGOP_DELETE_NAME:
    case OURO_CGOP_LOAD_GLOBAL: case OURO_CGOP_STORE_GLOBAL: case OURO_CGOP_DELETE_GLOBAL:
    case OURO_CGOP_LOAD_ATTR: case OURO_CGOP_STORE_ATTR: case OURO_CGOP_DELETE_ATTR:
    case OURO_CGOP_LOAD_METHOD: case OURO_CGOP_IMPORT_NAME: case OURO_CGOP_IMPORT_FROM:
        return true;
    default:
        return false;
    }
}

static bool is_deref_op(unsigned op) {
    return op == OURO_CGOP_LOAD_DEREF || op == OURO_CGOP_STORE_DEREF ||
           op == OURO_CGOP_DELETE_DEREF || op == OURO_CGOP_LOAD_CLOSURE ||
           op == OURO_CGOP_LOAD_CLASSDEREF;
}

static void append_tuple_str(OuroStrBuf *b, OuroObject *t, uint32_t i) {
    if (t && i < ouro_tuple_size(t))
        ouro_strbuf_append_cstr(b, ouro_str_cstr(ouro_tuple_get(t, i)));
    else
        ouro_strbuf_append_cstr(b, "?");
}

/* The "(meaning)" of an argument, appended to b; nothing when it has none. */
static int append_argrepr(OuroVM *vm, OuroStrBuf *b, OuroCode *co, unsigned op, uint32_t arg) {
    if (op == OURO_CGOP_LOAD_CONST) {
        if (arg >= ouro_tuple_size(co->consts))
            return 0;
        ouro_strbuf_append_char(b, '(');
        if (ouro_strbuf_append_repr(vm, b, ouro_tuple_get(co->consts, arg)) < 0)
            return -1;
        ouro_strbuf_append_char(b, ')');
        return 0;
    }
    const char *fixed = NULL;
    if (is_name_op(op) || op == OURO_CGOP_LOAD_FAST || op == OURO_CGOP_STORE_FAST ||
        op == OURO_CGOP_DELETE_FAST || is_deref_op(op)) {
        ouro_strbuf_append_char(b, '(');
        if (is_name_op(op))
            append_tuple_str(b, co->names, arg);
        else if (!is_deref_op(op))
            append_tuple_str(b, co->varnames, arg);
        else if (arg < (uint32_t)co->ncellvars)
            append_tuple_str(b, co->cellvars, arg);
        else
            append_tuple_str(b, co->freevars, arg - (uint32_t)co->ncellvars);
        ouro_strbuf_append_char(b, ')');
        return 0;
    }
    if (ouro_cg_is_jump(op)) {
        ouro_strbuf_printf(b, "(to %u)", (unsigned)arg);
        return 0;
    }
    switch (op) {
    case OURO_CGOP_COMPARE_OP:
        fixed = arg < 6 ? cmp_symbols[arg] : NULL;
        break;
    case OURO_CGOP_BINARY_OP:
    case OURO_CGOP_INPLACE_OP:
        if (arg < OURO_NB_COUNT) {
            ouro_strbuf_printf(b, "(%s%s)", binop_symbols[arg], op == OURO_CGOP_INPLACE_OP ? "=" : "");
            return 0;
        }
        break;
    case OURO_CGOP_IS_OP: fixed = arg ? "is not" : "is"; break;
    case OURO_CGOP_CONTAINS_OP: fixed = arg ? "not in" : "in"; break;
    case OURO_CGOP_FORMAT_VALUE: {
        static const char *const conv[] = {"", "str", "repr", "ascii"};
        const char *c = conv[arg & 3];
        if (arg & 4)
            ouro_strbuf_printf(b, "(%s%swith format)", c, *c ? ", " : "");
        else if (*c)
            ouro_strbuf_printf(b, "(%s)", c);
        return 0;
    }
    case OURO_CGOP_MAKE_FUNCTION: {
        static const char *const flags[] = {"defaults", "kwdefaults", "annotations", "closure"};
        const char *sep = "(";
        for (int i = 0; i < 4; i++)
            if (arg & (1u << i)) {
                ouro_strbuf_printf(b, "%s%s", sep, flags[i]);
                sep = ", ";
            }
        if (*sep == ',')
            ouro_strbuf_append_char(b, ')');
        return 0;
    }
    default:
        break;
    }
    if (fixed)
        ouro_strbuf_printf(b, "(%s)", fixed);
    return 0;
}

static int digits(long v) {
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static void rstrip_line(OuroStrBuf *b, size_t line_start) {
    while (b->len > line_start && b->data[b->len - 1] == ' ')
        b->len--;
    ouro_strbuf_append_char(b, '\n');
}

static int disassemble_one(OuroVM *vm, OuroCode *co, OuroStrBuf *out) {
    size_t n = co->ncode;
    bool *target = calloc(n + 1, sizeof(bool));
    if (!target) {
        ouro_err_no_memory(vm);
        return -1;
    }
    int maxline = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned op = ouro_instr_op(co->code[i]);
        uint32_t arg = ouro_instr_arg(co->code[i]);
        if (op < OURO_CGOP_COUNT && ouro_cg_is_jump(op) && arg <= n)
            target[arg] = true;
        if (co->positions[i].line > maxline)
            maxline = co->positions[i].line;
    }
    int lw = maxline >= 1000 ? digits(maxline) : 3;
    int ow = n >= 10000 ? digits((long)n - 1) : 4;
    int prev_line = -1;
    int r = 0;
    for (size_t i = 0; i < n && r == 0; i++) {
        unsigned op = ouro_instr_op(co->code[i]);
        uint32_t arg = ouro_instr_arg(co->code[i]);
        int line = co->positions[i].line;
        bool starts = line > 0 && line != prev_line;
        if (line > 0)
            prev_line = line;
        if (starts && i > 0)
            ouro_strbuf_append_char(out, '\n');
        size_t line_start = out->len;
        if (starts)
            ouro_strbuf_printf(out, "%*d", lw, line);
        else
            ouro_strbuf_printf(out, "%*s", lw, "");
        ouro_strbuf_printf(out, "     %s %*zu ", target[i] ? ">>" : "  ", ow, i);
        if (op >= OURO_CGOP_COUNT) {
            ouro_strbuf_printf(out, "<%u>", op);
            rstrip_line(out, line_start);
            continue;
        }
        ouro_strbuf_printf(out, "%-20s", ouro_cg_opnames[op]);
        if (ouro_cg_hasarg[op]) {
            ouro_strbuf_printf(out, " %5u ", (unsigned)arg);
            r = append_argrepr(vm, out, co, op, arg);
        }
        rstrip_line(out, line_start);
    }
    free(target);
    return r;
}

int ouro_disassemble(OuroVM *vm, OuroObject *code, OuroStrBuf *out) {
    OuroCode *co = (OuroCode *)(void *)code;
    if (disassemble_one(vm, co, out) < 0)
        return -1;
    size_t nconsts = ouro_tuple_size(co->consts);
    for (size_t i = 0; i < nconsts; i++) {
        OuroObject *k = ouro_tuple_get(co->consts, i);
        if (OURO_IS_SMALLINT(k) || k->type != &ouro_code_type)
            continue;
        ouro_strbuf_append_cstr(out, "\nDisassembly of ");
        if (ouro_strbuf_append_repr(vm, out, k) < 0)
            return -1;
        ouro_strbuf_append_cstr(out, ":\n");
        if (ouro_disassemble(vm, k, out) < 0)
            return -1;
    }
    return 0;
}
