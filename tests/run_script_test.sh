#!/usr/bin/env bash
# Golden script-test driver, called by ctest as
#
#     bash tests/run_script_test.sh /path/to/ouro /abs/path/tests/scripts/AREA/NAME.py
#
# Runs `ouro [OPTS...] NAME.py [ARGS...]` with the script's directory as cwd and compares:
#   stdout    with NAME.out (always; must match exactly)
#   stderr    with NAME.err (only when NAME.err exists), after deleting every
#             occurrence of "<absolute script dir>/" so tracebacks read File "NAME.py"
#   exit code with NAME.rc  (default 0)
# Object addresses differ from run to run: every " at 0x<hex>" (CPython's reprs such as
# <function A.__del__ at 0x7f...>) reads " at 0x..." on both sides before comparing.
# Inputs: NAME.in is fed as stdin (default /dev/null); NAME.args holds one line of
# extra argv words appended after the script name; NAME.opts one line of interpreter options
# put before it (e.g. "-X stableids"). Time limit: 60 s.
# Stress mode: with OURO_GCSTRESS=N in the environment (the ctest label gcstress) the
# script runs under the collector's stress mode, unless its first line is the marker
#     # gcstress: timing-dependent
# (output that depends on when collections happen: gc.collect() results, get_count(),
# get_stats(), callbacks' info). Such a script is then skipped (exit status 77).
# Exit status: 0 when everything matches, 1 otherwise (with the reason printed).
# Uses only bash, coreutils, diff and sed.

set -u

TIME_LIMIT=${OURO_TEST_TIMEOUT:-60}

if [ $# -ne 2 ]; then
    echo "usage: $0 /path/to/ouro /path/to/tests/scripts/AREA/NAME.py" >&2
    exit 2
fi

ouro=$1
script=$2

# Absolute paths, so that the cd below does not break relative arguments.
case $ouro in /*) ;; */*) ouro=$PWD/$ouro ;; esac
case $script in /*) ;; *) script=$PWD/$script ;; esac

if [ ! -f "$script" ]; then
    echo "FAIL: script not found: $script"
    exit 1
fi
if [ ! -x "$ouro" ] && ! command -v "$ouro" >/dev/null 2>&1; then
    echo "FAIL: ouro executable not found or not executable: $ouro"
    exit 1
fi

dir=$(cd "$(dirname "$script")" && pwd -P)
base=$(basename "$script")
name=${base%.py}
stem=$dir/$name

# The script's directory may be reached through a symlink; strip both spellings.
dir_logical=$(cd "$(dirname "$script")" && pwd -L)

if [ ! -f "$stem.out" ]; then
    echo "FAIL: missing expected stdout file $stem.out"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ouro_script_test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

stdin_file=/dev/null
[ -f "$stem.in" ] && stdin_file=$stem.in

extra_args=()
if [ -f "$stem.args" ]; then
    IFS=$' \t' read -r -a extra_args < "$stem.args" || true
fi

opts=()
if [ -f "$stem.opts" ]; then
    IFS=$' \t' read -r -a opts < "$stem.opts" || true
fi

expected_rc=0
if [ -f "$stem.rc" ]; then
    read -r expected_rc < "$stem.rc" || true
    expected_rc=${expected_rc//[[:space:]]/}
fi

if [ -n "${OURO_GCSTRESS:-}" ]; then
    IFS= read -r first_line < "$script" || true
    if [ "${first_line%$'\r'}" = "# gcstress: timing-dependent" ]; then
        echo "SKIP: $name (timing-dependent under gcstress)"
        exit 77
    fi
fi

( cd "$dir" && exec timeout -k 5 "$TIME_LIMIT" "$ouro" "${opts[@]}" "$base" "${extra_args[@]}" \
      < "$stdin_file" > "$tmp/stdout.raw" 2> "$tmp/stderr.raw" )
rc=$?

# Escape a literal string for use as a sed BRE pattern with '/' as delimiter.
sed_escape() {
    printf '%s' "$1" | sed -e 's/[]\/$*.^[]/\\&/g'
}
pat1=$(sed_escape "$dir/")
pat2=$(sed_escape "$dir_logical/")
addr='s/ at 0x[0-9a-fA-F][0-9a-fA-F]*/ at 0x.../g'
sed -e "s/$pat1//g" -e "s/$pat2//g" -e "$addr" "$tmp/stderr.raw" > "$tmp/stderr"
sed -e "$addr" "$tmp/stdout.raw" > "$tmp/stdout"
sed -e "$addr" "$stem.out" > "$tmp/want.out"
[ -f "$stem.err" ] && sed -e "$addr" "$stem.err" > "$tmp/want.err"

status=0
reasons=()

if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    reasons+=("timed out after ${TIME_LIMIT}s (exit code $rc)")
    status=1
fi

if ! diff -u --label "expected stdout ($name.out)" --label "actual stdout" \
        "$tmp/want.out" "$tmp/stdout" > "$tmp/stdout.diff"; then
    reasons+=("stdout differs from $name.out")
    status=1
fi

if [ -f "$stem.err" ]; then
    if ! diff -u --label "expected stderr ($name.err)" --label "actual stderr" \
            "$tmp/want.err" "$tmp/stderr" > "$tmp/stderr.diff"; then
        reasons+=("stderr differs from $name.err")
        status=1
    fi
fi

if [ "$rc" != "$expected_rc" ]; then
    reasons+=("exit code $rc, expected $expected_rc")
    status=1
fi

if [ $status -eq 0 ]; then
    echo "PASS: $name"
    exit 0
fi

echo "FAIL: $dir/$base"
for r in "${reasons[@]}"; do
    echo "  reason: $r"
done
if [ -s "$tmp/stdout.diff" ]; then
    echo "---- stdout diff ----"
    cat "$tmp/stdout.diff"
fi
if [ -s "$tmp/stderr.diff" ]; then
    echo "---- stderr diff ----"
    cat "$tmp/stderr.diff"
elif [ ! -f "$stem.err" ] && [ -s "$tmp/stderr" ]; then
    # No .err to compare against: show stderr anyway, it usually explains the failure.
    echo "---- stderr (not compared) ----"
    head -n 40 "$tmp/stderr"
fi
exit 1
