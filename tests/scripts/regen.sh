#!/usr/bin/env bash
# Regenerate the expected output of golden script tests with CPython 3.11.
#
#     tests/scripts/regen.sh                 # every test under tests/scripts
#     tests/scripts/regen.sh strings lists   # every test under these directories
#     tests/scripts/regen.sh errors/foo.py   # single scripts
#
# A test is any NAME.py except helper modules (named helper_*.py), which are only
# imported by tests. For each test it runs python3.11 -B NAME.py [ARGS] in the script's
# directory, stdin from NAME.in (or /dev/null), extra argv from NAME.args, and writes
#   NAME.out  stdout (always written)
#   NAME.err  stderr with "<abs dir>/" removed (written only when stderr is not empty)
#   NAME.rc   exit code (written only when it is not 0)
# Tests with a NAME.opts (ouro-only interpreter options such as -X stableids) are skipped:
# CPython cannot produce their output, so it is written by hand.
# Review the diff (git diff tests/scripts) before keeping the results.

set -u
PY=${PYTHON311:-$(pyenv root 2>/dev/null)/versions/3.11.7/bin/python3.11}
if [ ! -x "$PY" ]; then
    echo "regen.sh: CPython 3.11 not found at '$PY' (set PYTHON311)" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd -P)

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("$here")

files=()
for t in "${targets[@]}"; do
    [ -e "$t" ] || t=$here/$t
    if [ -d "$t" ]; then
        while IFS= read -r f; do files+=("$f"); done \
            < <(find "$t" -name '*.py' ! -name 'helper_*' ! -path '*/__pycache__/*' | sort)
    elif [ -f "$t" ]; then
        files+=("$t")
    else
        echo "regen.sh: no such test or directory: $t" >&2
        exit 2
    fi
done

sed_escape() { printf '%s' "$1" | sed -e 's/[]\/$*.^[]/\\&/g'; }

for f in "${files[@]}"; do
    dir=$(cd "$(dirname "$f")" && pwd -P)
    base=$(basename "$f")
    stem=$dir/${base%.py}
    if [ -f "$stem.opts" ]; then   # ouro-only interpreter options: goldens written by hand
        echo "regen: ${f#$here/} skipped (has ${base%.py}.opts)"
        continue
    fi
    stdin_file=/dev/null
    [ -f "$stem.in" ] && stdin_file=$stem.in
    args=()
    [ -f "$stem.args" ] && { IFS=$' \t' read -r -a args < "$stem.args" || true; }
    ( cd "$dir" && exec timeout 60 "$PY" -B "$base" "${args[@]}" \
          < "$stdin_file" > "$stem.out" 2> "$stem.err.tmp" )
    rc=$?
    pat=$(sed_escape "$dir/")
    sed -e "s/$pat//g" "$stem.err.tmp" > "$stem.err"
    rm -f "$stem.err.tmp"
    [ -s "$stem.err" ] || rm -f "$stem.err"
    if [ "$rc" -ne 0 ]; then echo "$rc" > "$stem.rc"; else rm -f "$stem.rc"; fi
    echo "regen: ${f#$here/} rc=$rc"
done
