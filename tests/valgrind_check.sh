#!/usr/bin/env bash
# Runs a sample of the golden scripts and the examples under valgrind's memcheck: any
# invalid access, use of uninitialised memory, or definitely/indirectly lost block fails.
# Skips (exit 77) when valgrind is not installed.
set -u
ouro=$1
root=$2
command -v valgrind >/dev/null 2>&1 || { echo "valgrind not installed: skipped"; exit 77; }
scripts=(
    examples/hello.py examples/refcount_del_timing.py
    tests/scripts/classes/inheritance.py tests/scripts/classes/properties.py
    tests/scripts/generators/yield_from_send_throw.py tests/scripts/exceptions/raise_from.py tests/scripts/errors/chained_from_none.py
    tests/scripts/refcount/del_at_function_return.py tests/scripts/dicts/views.py
    tests/scripts/strings/fstring_format_spec.py tests/scripts/arith/bigint_factorial.py
    tests/scripts/errors/recursion_error.py tests/scripts/syntax_errors/unclosed_paren.py
    tests/scripts/gc_api/collect.py tests/scripts/gc_api/garbage.py tests/scripts/gc_api/freeze.py
    tests/scripts/gc_shutdown/finalizer_actions.py tests/scripts/gc_shutdown/resurrect_at_exit.py
    tests/scripts/gc_lessons/l003_opening_puzzle.py tests/scripts/gc_tracking/cycles_collected.py
)
status=0
ran=0
for s in "${scripts[@]}"; do
    [ -f "$root/$s" ] || continue
    ran=$((ran + 1))
    dir=$(dirname "$root/$s")
    if ! (cd "$dir" && valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --error-exitcode=99 "$ouro" "$(basename "$s")" >/dev/null 2>/tmp/ouro_vg.$$); then
        if grep -q "==[0-9]*==" /tmp/ouro_vg.$$; then
            echo "FAIL $s"; cat /tmp/ouro_vg.$$; status=1
        fi
    fi
done
rm -f /tmp/ouro_vg.$$
[ "$ran" -gt 0 ] || { echo "no sample scripts found"; exit 1; }
[ $status -eq 0 ] && echo "valgrind: $ran scripts clean"
exit $status
