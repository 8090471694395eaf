#!/usr/bin/env bash
# Pathological inputs for the whole VM, run with the sanitizer build of ouro:
#   - generated source files: 100000-deep brackets / unary operators / not / lambda /
#     if-else / ** / elif chains / attribute, call and subscript chains, 101 indentation
#     levels, 21 nested loops, 100000-digit and 1 MB hexadecimal literals, a 10 MB string
#     literal, a million-item tuple display, NUL bytes, invalid UTF-8, CRLF, lone CR,
#     a BOM-only file;
#   - the hand-written runtime cases in tests/fuzz/pathological/*.py (deep containers,
#     recursion through dunders, giant values, a raised recursion limit, deep generators).
# Every run must end without a signal, sanitizer report, leak (OURO_CHECK_LEAKS) or hang
# (CPU limit -t, default 120 s); generated cases also check the last line of stderr
# against what CPython 3.11 prints. Needs bash, coreutils and the ouro binary only.
#
#     tests/fuzz/pathological.sh [-t SECONDS] OURO
#
# Exit status 0 when every case passes, 1 otherwise.
set -u
export LC_ALL=C
limit=120
if [ "${1:-}" = "-t" ]; then limit=$2; shift 2; fi
[ $# -eq 1 ] || { echo "usage: $0 [-t SECONDS] OURO" >&2; exit 2; }
ouro=$1
case $ouro in /*) ;; *) ouro=$PWD/$ouro ;; esac
here=$(cd "$(dirname "$0")" && pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/ouro_patho.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=86:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=87}
export OURO_CHECK_LEAKS=1

repeat() {                                                   # repeat TEXT N -> stdout
    local s=$1 n=$2 r=''
    while [ "$n" -gt 0 ]; do
        if (( n & 1 )); then r+=$s; fi
        s+=$s
        n=$(( n >> 1 ))
    done
    printf '%s' "$r"
}

fails=0 passes=0

# run NAME FILE EXPECTED_LAST_STDERR_LINE ('' = not checked) EXPECTED_RC ('' = 0, 1 or 2)
run() {
    local name=$1 file=$2 want=$3 want_rc=$4 rc last why=''
    ( cd "$(dirname "$file")" && ulimit -t "$limit" && exec timeout -k 5 $((limit * 5)) \
        "$ouro" "$(basename "$file")" < /dev/null > "$work/out" 2> "$work/err" )
    rc=$?
    last=$(tail -n 1 "$work/err")
    if grep -q -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: ' "$work/err"; then
        why="sanitizer report"
    elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] || [ "$rc" -eq 152 ]; then
        why="hang (status $rc)"
    elif [ "$rc" -eq 70 ]; then
        why="heap objects leaked"
    elif [ "$rc" -gt 128 ]; then
        why="killed by signal $((rc - 128))"
    elif [ -n "$want_rc" ] && [ "$rc" -ne "$want_rc" ]; then
        why="exit status $rc, expected $want_rc"
    elif [ -z "$want_rc" ] && [ "$rc" -gt 2 ]; then
        why="exit status $rc"
    elif [ -n "$want" ] && [ "$last" != "$want" ]; then
        why="last stderr line: $last"
    fi
    if [ -z "$why" ]; then
        passes=$((passes + 1))
        echo "ok   $name"
    else
        fails=$((fails + 1))
        echo "FAIL $name: $why"
        head -c 3000 "$work/err" | sed 's/^/     | /' | head -n 25
    fi
}

gen() {                                                      # gen NAME < content
    cat > "$work/$1.py"
    echo "$work/$1.py"
}

N=100000
TOO_DEEP='RecursionError: maximum recursion depth exceeded during compilation'
PARENS='SyntaxError: too many nested parentheses'

run parens "$(printf 'x = %s%s\n' "$(repeat '(' $N)" "$(repeat ')' $N)" | gen parens)" "$PARENS" 1
run brackets "$(printf 'x = %s\n' "$(repeat '[' $N)" | gen brackets)" "$PARENS" 1
run braces "$(printf 'x = %s1\n' "$(repeat '{' $N)" | gen braces)" "$PARENS" 1
run fcalls "$(printf 'x = %s1\n' "$(repeat 'f(' $N)" | gen fcalls)" "$PARENS" 1
run minus "$(printf 'x = %s1\n' "$(repeat '-' $N)" | gen minus)" "MemoryError" 1
run invert "$(printf 'x = %s1\n' "$(repeat '~' $N)" | gen invert)" "MemoryError" 1
run not "$(printf 'x = %s1\n' "$(repeat 'not ' $N)" | gen not)" "MemoryError" 1
run lambda "$(printf 'x = %s1\n' "$(repeat 'lambda: ' $N)" | gen lambda)" "MemoryError" 1
run ifexp "$(printf 'x = 1%s\n' "$(repeat ' if 1 else 1' $N)" | gen ifexp)" "MemoryError" 1
run power "$(printf 'x = 2%s\n' "$(repeat '**2' $N)" | gen power)" "MemoryError" 1
run elif "$( { printf 'if x: pass\n'; repeat $'elif x: pass\n' $N; } | gen elif)" "MemoryError" 1
run attribute "$(printf 'x = a%s\n' "$(repeat '.b' $N)" | gen attribute)" "$TOO_DEEP" 1
run subscript "$(printf 'x = a%s\n' "$(repeat '[0]' $N)" | gen subscript)" "$TOO_DEEP" 1
run calls "$(printf 'x = f%s\n' "$(repeat '()' $N)" | gen calls)" "$TOO_DEEP" 1
run sum "$(printf 'x = 1%s\n' "$(repeat '+1' $N)" | gen sum)" "$TOO_DEEP" 1
run compare "$(printf 'print(1%s)\n' "$(repeat '<1' $N)" | gen compare)" "" 0
run boolop "$(printf 'print(1%s)\n' "$(repeat ' and 1' $N)" | gen boolop)" "" 0
run walrus "$(printf 'print((y := %s1))\n' "$(repeat '-' 1000)" | gen walrus)" "" 0
run decorators "$( { repeat $'@d\n' $N; printf 'def f(): pass\n'; } | gen decorators)" \
    "NameError: name 'd' is not defined. Did you mean: 'id'?" 1
run tuple "$(printf 'x = (%s)\nprint(len(x))\n' "$(repeat '1,' 1000000)" | gen tuple)" "" 0
run statements "$( { repeat 'x = 1; ' $N; printf '\nprint(x)\n'; } | gen statements)" "" 0
run indent "$(for ((i = 0; i <= 100; i++)); do printf '%*sif 1:\n' $i ''; done | gen indent)" \
    "IndentationError: too many levels of indentation" 1
run loops "$( { for ((i = 0; i < 21; i++)); do printf '%*sfor i in x:\n' $i ''; done
                printf '%*spass\n' 21 ''; } | gen loops)" \
    "SyntaxError: too many statically nested blocks" 1
run decimal "$(printf 'x = %s\n' "$(repeat 1 $N)" | gen decimal)" \
    "SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: value has 100000 digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits." 1
run hex "$(printf 'x = 0x%s\nprint(x.bit_length())\n' "$(repeat f 1000000)" | gen hex)" "" 0
run bigrepr "$(printf 'print(10**100000)\n' | gen bigrepr)" \
    "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit" 1
run string "$(printf 's = "%s"\nprint(len(s))\n' "$(repeat abcdefghij 1000000)" | gen string)" "" 0
run fstring "$(printf 'print(f"{%s1%s}")\n' "$(repeat '(' 150)" "$(repeat ')' 150)" | gen fstring)" "" 0
run nul "$(printf 'x = 1\ny = "a\0b"\n' | gen nul)" "SyntaxError: source code cannot contain null bytes" 1
run nul_only "$(printf '\0' | gen nul_only)" "SyntaxError: source code cannot contain null bytes" 1
run utf8 "$(printf 'x = 1\n# \xff\n' | gen utf8)" \
    "SyntaxError: Non-UTF-8 code starting with '\\xff' in file $work/utf8.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details" 1
run truncated_utf8 "$(printf 'x = "\xe2\x82"' | gen truncated_utf8)" "" 1
run crlf "$(printf 'x = 1\r\nif x:\r\n    print(x)\r\n' | gen crlf)" "" 0
run cr "$(printf 'x = 1\rprint(x)\r' | gen cr)" "" 0
run bom_only "$(printf '\xef\xbb\xbf' | gen bom_only)" "" ''
run bom "$(printf '\xef\xbb\xbfprint(1)\n' | gen bom)" "" ''
run empty "$(printf '' | gen empty)" "" 0
run backslash_eof "$(printf 'x = 1 + \\' | gen backslash_eof)" "" 1
run open_string "$(printf 'x = """%s' "$(repeat 'a\n' 10000)" | gen open_string)" "" 1
run tabs "$(printf 'if 1:\n\tx = 1\n        y = 2\n' | gen tabs)" "" 1

for f in "$here"/pathological/*.py; do
    run "$(basename "$f")" "$f" "" 0
done

echo "pathological.sh: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
