#!/usr/bin/env bash
# Mutation fuzzer for the whole VM: takes the golden test scripts, damages them (delete,
# duplicate, swap and truncate lines or bytes; insert brackets, quotes, keywords, odd bytes,
# NULs, invalid UTF-8, CRLF, and deep nesting such as 10000 '(' or 'not ' or 'lambda:'),
# runs the sanitizer build of ouro on each mutant and reports every run that
#   - ends by a signal (SIGINT aside: a script may raise KeyboardInterrupt),
#   - prints an AddressSanitizer / UndefinedBehaviorSanitizer / LeakSanitizer report,
#   - runs past the time limit (CPU seconds, so a loaded machine gives no false hangs;
#     the wall-clock limit is ten times as long),
#   - leaves heap objects alive at exit (OURO_CHECK_LEAKS, exit status 70),
#   - or exits with a status other than 0, 1, 2 (SystemExit(n) in the script aside).
# Needs only bash, coreutils and the ouro binary (build it with -DOURO_SANITIZE=ON).
#
#     tests/fuzz/mutate.sh [-n COUNT] [-s SEED] [-t SECONDS] [-o OUTDIR] OURO [SCRIPT|DIR]...
#
# Default inputs: tests/scripts. Findings are copied to OUTDIR (default ./mutate-findings)
# as NAME.py with NAME.log (what happened, the command's stderr). Exit status 1 when any
# finding was made. If $PYTHON names a CPython 3.11, a hang or odd exit status is only
# reported when CPython, run on the same mutant, neither hangs nor exits that way too.
set -u
export LC_ALL=C

count=200 seed=$$ limit=10 outdir=$PWD/mutate-findings
while getopts "n:s:t:o:" opt; do
    case $opt in
    n) count=$OPTARG ;;
    s) seed=$OPTARG ;;
    t) limit=$OPTARG ;;
    o) outdir=$OPTARG ;;
    *) echo "usage: $0 [-n COUNT] [-s SEED] [-t SECONDS] [-o OUTDIR] OURO [SCRIPT|DIR]..." >&2
       exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [ $# -lt 1 ]; then
    echo "usage: $0 [-n COUNT] [-s SEED] [-t SECONDS] [-o OUTDIR] OURO [SCRIPT|DIR]..." >&2
    exit 2
fi
ouro=$1
shift
case $ouro in /*) ;; *) ouro=$PWD/$ouro ;; esac
[ -x "$ouro" ] || { echo "mutate.sh: not executable: $ouro" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd -P)
[ $# -eq 0 ] && set -- "$here/../scripts"

scripts=()
for t in "$@"; do
    if [ -d "$t" ]; then
        while IFS= read -r f; do scripts+=("$f"); done \
            < <(find "$t" -name '*.py' ! -name 'helper_*' | sort)
    else
        scripts+=("$t")
    fi
done
[ ${#scripts[@]} -gt 0 ] || { echo "mutate.sh: no scripts" >&2; exit 2; }

RANDOM=$seed
mkdir -p "$outdir"
work=$(mktemp -d "${TMPDIR:-/tmp}/ouro_mutate.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
# A private copy: rebuilding the binary during a long run must not fail the runs.
cp "$ouro" "$work/ouro" && ouro=$work/ouro

# allocator_may_return_null: a huge request ('a' * 2**62) must become MemoryError, as
# it does without ASan, instead of an ASan abort.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=86:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=87}
export OURO_CHECK_LEAKS=1

# ---- random helpers ---------------------------------------------------------------------

rnd() { echo $(( (RANDOM << 15 | RANDOM) % $1 )); }          # 0 .. $1-1

repeat() {                                                   # repeat TEXT N -> $REPLY
    local s=$1 n=$2 r=''
    while [ "$n" -gt 0 ]; do
        if (( n & 1 )); then r+=$s; fi
        s+=$s
        n=$(( n >> 1 ))
    done
    REPLY=$r
}

tokens=( '(' ')' '[' ']' '{' '}' ':' ',' ';' '.' '=' '==' ':=' '*' '**' '@' '->' '...'
         '\' '#' "'" '"' "'''" '"""' "f'{" '}' "b'" "r'" '0x' '1e' '1_' '.5j' '0o8'
         'if ' 'else ' 'elif ' 'for ' 'in ' 'while ' 'def ' 'class ' 'return ' 'yield '
         'yield from ' 'lambda: ' 'lambda *a: ' 'not ' 'and ' 'or ' 'is ' 'del ' 'global x '
         'nonlocal x ' 'try:' 'except ' 'finally:' 'with ' 'as ' 'raise ' 'pass' 'break'
         'continue' 'import ' 'from ' 'async ' 'await ' 'assert ' 'None' 'True' '__class__'
         'super()' 'print(' 'self.' $'\t' '    ' $'\n' $'\r\n' $'\r' $'\f' $'\v' $'\x7f'
         $'\xff' $'\xc3' $'\xe2\x82' $'\xef\xbb\xbf' $'\xc3\xa9' $'\xf0\x9f\x98\x80' )
deep=( '(' '[' '{' 'not ' '-' '~' '+' 'lambda:' 'lambda x:' '*' 'await ' '(yield ' 'f(' 'x[' '[x for x in '
       '{1:' 'a if b else ' 'a.' '1+' '1**' 'x,' 'yield ' )

# ---- mutations: each reads $text (the script) and leaves the mutant in $text -------------
# The NUL byte cannot live in a bash string: mutants carrying one set $nul_at instead.

mut_lines() {
    local -a L
    mapfile -t L <<< "$text"
    local n=${#L[@]} i j tmp
    [ "$n" -gt 0 ] || return
    i=$(rnd "$n") j=$(rnd "$n")
    case $(rnd 5) in
    0) L=("${L[@]:0:i}" "${L[@]:i+1}") ; what="delete line $((i + 1))" ;;
    1) L=("${L[@]:0:i}" "${L[i]}" "${L[@]:i}") ; what="duplicate line $((i + 1))" ;;
    2) tmp=${L[i]} L[i]=${L[j]} L[j]=$tmp ; what="swap lines $((i + 1)) $((j + 1))" ;;
    3) L=("${L[@]:0:i}") ; what="truncate after line $i" ;;
    4) L[i]="${L[j]}" ; what="line $((i + 1)) := line $((j + 1))" ;;
    esac
    text=$(printf '%s\n' "${L[@]}")
}

mut_bytes() {
    local n=${#text} i k
    [ "$n" -gt 0 ] || n=1
    i=$(rnd "$n")
    case $(rnd 6) in
    0) k=$(( $(rnd 8) + 1 )); text=${text:0:i}${text:i+k}; what="delete $k bytes at $i" ;;
    1) text=${text:0:i}; what="truncate at byte $i" ;;
    2) k=$(( $(rnd 40) + 1 )); text=${text:0:i}${text:i:k}${text:i}; what="duplicate $k bytes at $i" ;;
    3) local t=${tokens[$(rnd ${#tokens[@]})]}; text=${text:0:i}$t${text:i+1}; what="replace byte $i by '$t'" ;;
    4) local t=${tokens[$(rnd ${#tokens[@]})]}; text=${text:0:i}$t${text:i}; what="insert '$t' at $i" ;;
    5) nul_at=$i; what="insert NUL at $i" ;;
    esac
}

mut_deep() {
    local n=${#text} i d k
    i=$(rnd $(( n + 1 )))
    d=${deep[$(rnd ${#deep[@]})]}
    case $(rnd 4) in
    0) k=10000 ;; 1) k=$(( $(rnd 3000) + 1 )) ;; 2) k=$(( $(rnd 300) + 1 )) ;; *) k=100000 ;;
    esac
    repeat "$d" "$k"
    text=${text:0:i}$REPLY${text:i}
    what="insert $k x '$d' at $i"
}

mut_whole() {
    case $(rnd 4) in
    0) text=${text//$'\n'/$'\r\n'}; what="CRLF line ends" ;;
    1) text=$'\xef\xbb\xbf'$text; what="BOM in front" ;;
    2) text=${text//    /$'\t'}; what="tabs for 4 spaces" ;;
    3) local other; other=$(cat "${scripts[$(rnd ${#scripts[@]})]}")
       local n=${#text}; local i; i=$(rnd $(( n + 1 )))
       text=${text:0:i}$other${text:i}; what="splice another script at $i" ;;
    esac
}

mutate() {
    local rounds=$(( $(rnd 3) + 1 )) r w
    desc=''
    for ((r = 0; r < rounds; r++)); do
        what=''
        w=$(rnd 10)
        if [ "$w" -lt 4 ]; then mut_lines
        elif [ "$w" -lt 8 ]; then mut_bytes
        elif [ "$w" -lt 9 ]; then mut_deep
        else mut_whole
        fi
        desc+="${desc:+; }$what"
    done
}

write_mutant() {                                             # FILE
    if [ -n "$nul_at" ]; then
        { printf '%s' "${text:0:nul_at}"; printf '\0'; printf '%s\n' "${text:nul_at}"; } > "$1"
    else
        printf '%s\n' "$text" > "$1"
    fi
}

# ---- running ------------------------------------------------------------------------------

findings=0 runs=0
declare -A kinds=()

report() {                                                   # KIND SRC_SCRIPT MUTANT RC
    local kind=$1 src=$2 mutant=$3 rc=$4 name
    findings=$((findings + 1))
    kinds[$kind]=$(( ${kinds[$kind]:-0} + 1 ))
    name=$kind-$(basename "${src%.py}")-$seed-$runs
    cp "$mutant" "$outdir/$name.py"
    { echo "kind: $kind"; echo "exit status: $rc"; echo "from: $src"; echo "mutations: $desc"
      echo "---- stderr (head) ----"; head -c 20000 "$work/stderr"; } > "$outdir/$name.log"
    echo "FINDING $kind: $outdir/$name.py (rc=$rc; $desc)"
}

# Killed by the wall-clock timeout (124, 137) or the CPU limit (SIGXCPU, 152).
is_hang() { [ "$1" -eq 124 ] || [ "$1" -eq 137 ] || [ "$1" -eq 152 ]; }

# Same mutant under CPython: succeeds when it behaves the same way (hang, or that status).
python_agrees() {                                            # KIND RC
    [ -n "${PYTHON:-}" ] && [ -x "${PYTHON:-}" ] || return 1
    local prc
    ( cd "$work/run" && ulimit -t "$limit" && exec timeout -k 2 $((limit * 10)) "$PYTHON" \
        -B mutant.py < /dev/null > /dev/null 2>&1 )
    prc=$?
    case $1 in
    hang) is_hang "$prc" ;;
    status) [ "$prc" -eq "$2" ] ;;
    *) return 1 ;;
    esac
}

for ((k = 0; k < count; k++)); do
    src=${scripts[$(rnd ${#scripts[@]})]}
    text=$(cat "$src")
    nul_at=''
    mutate
    rm -rf "$work/run"
    mkdir -p "$work/run"
    # helpers and data files next to the script, so imports and reads still work
    find "$(dirname "$src")" -maxdepth 1 -type f ! -name '*.out' ! -name '*.err' \
        -exec cp {} "$work/run/" \;
    write_mutant "$work/run/mutant.py"
    stdin=/dev/null
    [ -f "${src%.py}.in" ] && stdin=${src%.py}.in
    ( cd "$work/run" && ulimit -t "$limit" && exec timeout -k 2 $((limit * 10)) "$ouro" \
        mutant.py < "$stdin" > /dev/null 2> "$work/stderr" )
    rc=$?
    runs=$((runs + 1))
    (( runs % 100 == 0 )) && echo "mutate.sh: $runs runs, $findings findings"
    if grep -q -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: (Address|Undefined|Leak)' "$work/stderr"; then
        report sanitizer "$src" "$work/run/mutant.py" "$rc"
    elif is_hang "$rc"; then
        python_agrees hang || report hang "$src" "$work/run/mutant.py" "$rc"
    elif [ "$rc" -eq 70 ] && grep -q 'heap objects still alive' "$work/stderr"; then
        report leak "$src" "$work/run/mutant.py" "$rc"
    elif [ "$rc" -eq 130 ] || [ "$rc" -eq $((128 + 2)) ]; then
        :                                                    # KeyboardInterrupt
    elif [ "$rc" -gt 128 ]; then
        report signal "$src" "$work/run/mutant.py" "$rc"
    elif [ "$rc" -gt 2 ]; then
        python_agrees status "$rc" || report status "$src" "$work/run/mutant.py" "$rc"
    fi
done

summary=''
for kd in "${!kinds[@]}"; do summary+=" $kd=${kinds[$kd]}"; done
echo "mutate.sh: $runs runs, seed $seed, $findings findings${summary:+ (${summary# })}"
[ "$findings" -eq 0 ]
