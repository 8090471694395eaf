#!/usr/bin/env bash
# tests/cli/run_cli_tests.sh — the `ouro` command line and REPL checked the way a user sees
# them: options, exit codes, sys.argv, -m, -i, piped stdin, imports, Ctrl-C, and the
# readline REPL driven through tmux. Expected texts are CPython 3.11's (checked with
# python3 on the same inputs) unless a case says otherwise.
#   bash tests/cli/run_cli_tests.sh [path/to/ouro]     (default: build/ouro)
# Every case runs with OURO_CHECK_LEAKS=1 (a leak turns the exit status into 70); a sample
# also runs under valgrind when it is installed (OURO_CLI_VALGRIND=0 skips that), and the
# REPL cases are skipped with a note when tmux is missing. One PASS/FAIL line per case, then
# "N passed, M failed"; the exit status is 1 when any case failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
OURO=${1:-${OURO:-$here/../../build/ouro}}
OURO=$(cd "$(dirname "$OURO")" && pwd)/$(basename "$OURO")
if [ ! -x "$OURO" ]; then
    echo "run_cli_tests: no ouro executable at $OURO" >&2
    exit 2
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/ouro-cli.XXXXXX")
T=$(cd "$T" && pwd -P)
TMUX_SOCKET=ouro-cli-$$
cleanup() {
    command -v tmux >/dev/null 2>&1 && tmux -L "$TMUX_SOCKET" kill-server >/dev/null 2>&1
    rm -rf "$T"
}
trap cleanup EXIT
export OURO_CHECK_LEAKS=1 INPUTRC=/dev/null
unset OUROPATH OURO_HISTORY
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $1"
    shift
    [ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
}

# ---- fixtures -----------------------------------------------------------------------------

mkdir -p "$T/pkg" "$T/pk2" "$T/bad" "$T/circ" "$T/lib" "$T/sub"
cat >"$T/args.py" <<'EOF'
import sys
print(sys.argv)
print(__name__)
EOF
cat >"$T/helper.py" <<'EOF'
print("helper loading", __name__)
a = 1
b = 2
def f():
    return "f"
if __name__ == "__main__":
    print("helper as main")
EOF
echo 'print("pkg init", __name__)' >"$T/pkg/__init__.py"
printf 'print("pkg.sub", __name__)\nx = 42\n' >"$T/pkg/sub.py"
: >"$T/pk2/__init__.py"
echo 'import sys; print("pk2 main", __name__, sys.argv[1:])' >"$T/pk2/__main__.py"
echo 'raise ValueError("boom")' >"$T/bad/__init__.py"
cat >"$T/mmod.py" <<'EOF'
import sys
print(__name__, sys.argv[1:], __file__ == sys.argv[0])
if __name__ == "__main__":
    print("main guard")
EOF
cat >"$T/imp.py" <<'EOF'
import helper
from helper import a, b
import pkg.sub
print(helper.f(), a, b, pkg.sub.x, pkg.sub.__name__)
import sys
print(helper.__file__ == sys.path[0] + "/helper.py", helper.__name__)
print("helper" in sys.modules, "pkg.sub" in sys.modules)
from pkg import sub
print(sub is pkg.sub, pkg.__package__, sub.__package__)
EOF
cat >"$T/fromsub.py" <<'EOF'
from pkg import sub
print(sub.x)
EOF
echo 'import nosuch' >"$T/imp_missing.py"
printf 'import pkg.nosub\n' >"$T/nosub.py"
cat >"$T/circ/main.py" <<'EOF'
import ca
print("main: ca.x =", ca.x, "cb.y =", ca.cb.y)
EOF
cat >"$T/circ/ca.py" <<'EOF'
print("ca start")
import cb
x = 1
print("ca end, cb.y =", cb.y)
EOF
cat >"$T/circ/cb.py" <<'EOF'
print("cb start")
import ca
print("cb sees ca.x:", hasattr(ca, "x"))
y = 2
try:
    from ca import x
except ImportError as e:
    print("ImportError:", e)
EOF
mkdir -p "$T/rp/inner"
printf 'from . import a\nfrom .a import VAL\nprint("rp init", a.VAL, VAL, __package__)\n' >"$T/rp/__init__.py"
echo 'VAL = 7' >"$T/rp/a.py"
printf 'from .. import a\nfrom ..a import VAL as V2\nfrom . import leaf\nprint("inner", a.VAL, V2, leaf.X, __package__, __name__)\n' >"$T/rp/inner/__init__.py"
echo 'X = "leaf"' >"$T/rp/inner/leaf.py"
echo 'import rp.inner; print(rp.inner.leaf.X); import rp.inner.leaf as L; print(L.X)' >"$T/relmain.py"
echo 'from . import x' >"$T/relbad.py"
echo 'from ... import a' >"$T/rp/toofar.py"
printf 'print("start", flush=True)\nwhile True:\n    pass\n' >"$T/loop.py"
echo 'raise KeyboardInterrupt' >"$T/kbint.py"
printf 'def f(x):\n    raise ValueError(x)\n\nf(0)\n' >"$T/tb.py"
echo 'x = (1,' >"$T/syntax.py"
echo 'print("from OUROPATH")' >"$T/lib/onpath.py"
echo 'import onpath' >"$T/sub/useonpath.py"
# Counts the collections a burst of 300 container allocations causes, and the ratio of
# all collections to full ones (the stress period N); prints "False None" without stress.
cat >"$T/stress.py" <<'EOF'
import gc
n = [0, 0]
def cb(phase, info):
    if phase == "start":
        n[info["generation"] == 2] += 1
gc.callbacks.append(cb)
junk = [[i] for i in range(300)]
gc.callbacks.remove(cb)
print(sum(n) >= 300, round(sum(n) / n[1]) if n[1] else None)
EOF
cat >"$T/exitdel.py" <<'EOF'
class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
b = A(2)
b.me = b
a = A(1)
junk = [[A(3)] for i in range(50)]
print("end")
EOF
cat >"$T/hook.py" <<'EOF'
import sys
def hook(t, v, tb):
    print("hook:", t.__name__, v)
sys.excepthook = hook
raise ValueError("seen by the hook")
EOF

# ---- non-interactive cases -------------------------------------------------------------------

# check NAME RC STDIN STDOUT STDERR ARGS...   runs ouro in $T; $T in outputs reads as @T@.
check() {
    local name=$1 rc=$2 input=$3 out=$4 err=$5
    shift 5
    printf '%s' "$input" >"$T/.in"
    (cd "$T" && "$OURO" "$@" <"$T/.in" >"$T/.out" 2>"$T/.err")
    local got=$?
    sed -i "s#$T#@T@#g" "$T/.out" "$T/.err"
    printf '%s' "$out" >"$T/.want_out"
    printf '%s' "$err" >"$T/.want_err"
    local why=()
    [ "$got" = "$rc" ] || why+=("exit status $got, expected $rc")
    cmp -s "$T/.out" "$T/.want_out" || why+=("stdout differs:" "$(diff "$T/.want_out" "$T/.out")")
    cmp -s "$T/.err" "$T/.want_err" || why+=("stderr differs:" "$(diff "$T/.want_err" "$T/.err")")
    if [ ${#why[@]} -eq 0 ]; then pass "$name"; else fail "$name" "${why[@]}"; fi
}

usage=$'usage: ouro [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `ouro -h\' for more information.\n'
zde_tb() {   # the traceback of 1/0 typed as line $1 of <stdin>
    printf 'Traceback (most recent call last):\n  File "<stdin>", line %s, in <module>\nZeroDivisionError: division by zero\n' "$1"
}

# Options and sys.argv
check "script argv" 0 "" $'[\'args.py\', \'x\', \'-c\']\n__main__\n' "" args.py x -c
check "-c argv" 0 "" $'[\'-c\', \'a\', \'b\']\n' "" -c 'import sys; print(sys.argv)' a b
check "-c ends the options" 0 "" $'[\'-c\', \'-Z\']\n' "" -c 'import sys; print(sys.argv)' -Z
check "-c joined" 0 "" $'1\n' "" -qc 'print(1)'
check "- reads stdin" 0 $'import sys\nprint(sys.argv)\n' $'[\'-\', \'a\']\n' "" - a
check "piped stdin is a script" 1 $'print("hi")\nx = 1\n1/0\n' $'hi\n' "$(zde_tb 3)"$'\n'
check "piped stdin argv" 0 $'import sys; print(sys.argv)\n' $'[\'\']\n' ""
check "-X and -W are accepted" 0 "" $'1\n' "" -X dev -W ignore -B -c 'print(1)'

# Stress mode: -X gcstress[=N] and OURO_GCSTRESS=N (Ouroboros only; -X wins over the
# variable, N = 0 or an empty variable turns it off, anything else that is not a number
# stops ouro with status 1 before any code runs).
unstressed=$'False None\n'
check "no stress mode by default" 0 "" "$unstressed" "" stress.py
check "-X gcstress" 0 "" $'True 100\n' "" -X gcstress stress.py
check "-X gcstress=10" 0 "" $'True 10\n' "" -X gcstress=10 stress.py
check "-Xgcstress=2 (joined)" 0 "" $'True 2\n' "" -Xgcstress=2 stress.py
check "-X gcstress=0 is off" 0 "" "$unstressed" "" -X gcstress=0 stress.py
OURO_GCSTRESS=7 check "OURO_GCSTRESS=7" 0 "" $'True 7\n' "" stress.py
OURO_GCSTRESS=7 check "-X gcstress wins over OURO_GCSTRESS" 0 "" $'True 3\n' "" -X gcstress=3 stress.py
OURO_GCSTRESS=7 check "-X gcstress=0 overrides OURO_GCSTRESS" 0 "" "$unstressed" "" -X gcstress=0 stress.py
OURO_GCSTRESS= check "empty OURO_GCSTRESS is off" 0 "" "$unstressed" "" stress.py
OURO_GCSTRESS=0 check "OURO_GCSTRESS=0 is off" 0 "" "$unstressed" "" stress.py
check "other -X options stay ignored" 0 "" "$unstressed" "" -X gcstressed -X gc=1 stress.py
check "-X gcstress=abc" 1 "" "" $'ouro: -X gcstress=abc: invalid value; N must be an integer >= 0\n' -X gcstress=abc stress.py
check "-X gcstress=" 1 "" "" $'ouro: -X gcstress=: invalid value; N must be an integer >= 0\n' -X gcstress= -c 'print(1)'
check "-X gcstress=-1" 1 "" "" $'ouro: -X gcstress=-1: invalid value; N must be an integer >= 0\n' -X gcstress=-1 -c 'print(1)'
check "-X gcstress too large" 1 "" "" $'ouro: -X gcstress=4294967296: invalid value; N must be an integer >= 0\n' -X gcstress=4294967296 -c 'print(1)'
OURO_GCSTRESS=x check "OURO_GCSTRESS=x" 1 "" "" $'ouro: OURO_GCSTRESS=x: invalid value; N must be an integer >= 0\n' -c 'print(1)'
check "-X gcstress=1: exit finalizers" 0 "" $'end\ndel 2\ndel 1\n'"$(printf 'del 3\n%.0s' {1..50})"$'\n' "" -X gcstress=1 exitdel.py
check "-V" 0 "" $'Ouroboros 0.1.0\n' "" -V
check "--version" 0 "" $'Ouroboros 0.1.0\n' "" --version
check "unknown option" 2 "" "" $'Unknown option: -Z\n'"$usage" -Z
check "unknown option in a cluster" 2 "" "" $'Unknown option: -Z\n'"$usage" -qZ
check "unknown long option" 2 "" "" $'unknown option --frobnicate\n'"$usage" --frobnicate
check "-c without argument" 2 "" "" $'Argument expected for the -c option\n'"$usage" -c
check "-m without argument" 2 "" "" $'Argument expected for the -m option\n'"$usage" -m
check "missing script" 2 "" "" $'ouro: can\'t open file \'@T@/nofile.py\': [Errno 2] No such file or directory\n' nofile.py
check "missing script, relative path" 2 "" "" $'ouro: can\'t open file \'@T@/nofile.py\': [Errno 2] No such file or directory\n' ./pkg/../nofile.py

help_ok() {
    local out rc
    out=$(cd "$T" && "$OURO" "$@" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && [[ $out == "usage: ouro [option] ... [-c cmd | -m mod | file | -] [arg] ..."* ]] &&
        [[ $out == *"-c cmd : program passed in as string (terminates option list)"* ]]; then
        pass "help $*"
    else
        fail "help $*" "exit status $rc" "$out"
    fi
}
help_ok -h
help_ok --help
help_ok '-?'
out=$("$OURO" -VV)
if [[ $out == "Ouroboros 0.1.0 (Python 3.11 subset) ["*"]" ]]; then pass "-VV"; else fail "-VV" "$out"; fi
out=$(cd "$T" && printf 'x = 1\nprint(x)\n' >d.py && "$OURO" --dis d.py)
if [[ $out == *"STORE_NAME"*"RETURN_VALUE"* ]]; then pass "--dis"; else fail "--dis" "$out"; fi
out=$(cd "$T" && "$OURO" -u -c 'import sys; print("a"); sys.stderr.write("b\n"); print("c")' 2>&1)
if [ "$out" = $'a\nb\nc' ]; then pass "-u"; else fail "-u" "$out"; fi

check "directory with __main__.py" 0 "" $'pk2 main __main__ [\'a\']\n' "" pk2 a
check "directory without __main__.py" 1 "" "" $'ouro: can\'t find \'__main__\' module in \'@T@/pkg\'\n' pkg

# Exit statuses
check "exit 0" 0 "" "" "" -c 'x = 1'
check "uncaught exception" 1 "" "" $'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nZeroDivisionError: division by zero\n' -c '1/0'
check "traceback of a script" 1 "" "" $'Traceback (most recent call last):\n  File "@T@/tb.py", line 4, in <module>\n    f(0)\n  File "@T@/tb.py", line 2, in f\n    raise ValueError(x)\nValueError: 0\n' tb.py
check "syntax error in a script" 1 "" "" $'  File "@T@/syntax.py", line 1\n    x = (1,\n        ^\nSyntaxError: \'(\' was never closed\n' syntax.py
check "SystemExit(3)" 3 "" "" "" -c 'raise SystemExit(3)'
check "sys.exit(message)" 1 "" "out" $'bye\n' -c 'import sys; print("out", end=""); sys.exit("bye")'
check "sys.exit()" 0 "" "" "" -c 'import sys; sys.exit()'
check "sys.exit(None)" 0 "" "" "" -c 'import sys; sys.exit(None)'
check "exit(4)" 4 "" "" "" -c 'exit(4)'
check "sys.exit(256)" 0 "" "" "" -c 'import sys; sys.exit(256)'
check "SystemExit(True)" 1 "" "" "" -c 'raise SystemExit(True)'
check "SystemExit with a list" 1 "" "" $'[1, 2]\n' -c 'raise SystemExit([1, 2])'
check "KeyboardInterrupt raised" 130 "" "" $'Traceback (most recent call last):\n  File "@T@/kbint.py", line 1, in <module>\n    raise KeyboardInterrupt\nKeyboardInterrupt\n' kbint.py
check "sys.excepthook" 1 "" $'hook: ValueError seen by the hook\n' "" hook.py

# A real SIGINT to a running loop: traceback, then death by SIGINT (130 in the shell).
(cd "$T" && timeout --preserve-status -s INT 2 "$OURO" loop.py >"$T/.out" 2>"$T/.err")
rc=$?
sed -i "s#$T#@T@#g" "$T/.err"
want=$'Traceback (most recent call last):\n  File "@T@/loop.py", line 2, in <module>\n    while True:\nKeyboardInterrupt'
if [ $rc -eq 130 ] && [ "$(cat "$T/.out")" = start ] && [ "$(cat "$T/.err")" = "$want" ]; then
    pass "SIGINT to a running loop"
else
    fail "SIGINT to a running loop" "exit status $rc" "$(cat "$T/.out" "$T/.err")"
fi

# SIGINT while input() / sys.stdin.read() wait on an open pipe: KeyboardInterrupt at once,
# as CPython (no Enter needed); a Python parent sends it since background jobs ignore SIGINT.
sigint_read() {   # NAME CODE: runs ouro -c CODE with a silent stdin pipe, SIGINT after 1 s
    local out
    out=$(cd "$T" && python3 - "$OURO" "$2" <<'EOF'
import subprocess, signal, sys, time
p = subprocess.Popen([sys.argv[1], "-c", sys.argv[2]], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
time.sleep(1)
p.send_signal(signal.SIGINT)
try:
    p.wait(timeout=5)          # stdin stays open: only the signal can end the read
except subprocess.TimeoutExpired:
    p.kill()
    print("still waiting after SIGINT")
out, err = p.communicate()
print(p.returncode)
print(out.decode() + err.decode(), end="")
EOF
)
    local want=$'-2\nstart\nTraceback (most recent call last):\n  File "<string>", line 1, in <module>\nKeyboardInterrupt'
    if [ "$out" = "$want" ]; then pass "$1"; else fail "$1" "$out"; fi
}
sigint_read "SIGINT during input()" 'print("start", flush=True); input()'
sigint_read "SIGINT during sys.stdin.read()" 'import sys; print("start", flush=True); sys.stdin.read()'

# -m
check "-m module" 0 "" $'__main__ [\'q\', \'r\'] True\nmain guard\n' "" -m mmod q r
check "-m submodule" 0 "" $'pkg init pkg\npkg.sub __main__\n' "" -m pkg.sub
check "-m package with __main__" 0 "" $'pk2 main __main__ [\'z\']\n' "" -m pk2 z
check "-m package without __main__" 1 "" $'pkg init pkg\n' $'ouro: No module named pkg.__main__; \'pkg\' is a package and cannot be directly executed\n' -m pkg
check "-m missing module" 1 "" "" $'ouro: No module named nomod\n' -m nomod
check "-m missing submodule" 1 "" $'pkg init pkg\n' $'ouro: No module named pkg.nosub\n' -m pkg.nosub
check "-m missing package" 1 "" "" $'ouro: Error while finding module specification for \'nopkg.sub\' (ModuleNotFoundError: No module named \'nopkg\')\n' -m nopkg.sub
check "-m module is not a package" 1 "" $'helper loading helper\n' $'ouro: Error while finding module specification for \'helper.x\' (ModuleNotFoundError: __path__ attribute not found on \'helper\' while trying to find \'helper.x\')\n' -m helper.x
check "-m failing package (no runpy frames)" 1 "" "" $'Traceback (most recent call last):\n  File "@T@/bad/__init__.py", line 1, in <module>\n    raise ValueError("boom")\nValueError: boom\n' -m bad.x

# Imports
check "imports: module, from, package" 0 "" $'helper loading helper\npkg init pkg\npkg.sub pkg.sub\nf 1 2 42 pkg.sub\nTrue helper\nTrue True\nTrue pkg pkg\n' "" imp.py
check "from package import submodule" 0 "" $'pkg init pkg\npkg.sub pkg.sub\n42\n' "" fromsub.py
check "ModuleNotFoundError" 1 "" "" $'Traceback (most recent call last):\n  File "@T@/imp_missing.py", line 1, in <module>\n    import nosuch\nModuleNotFoundError: No module named \'nosuch\'\n' imp_missing.py
check "missing submodule" 1 "" $'pkg init pkg\n' $'Traceback (most recent call last):\n  File "@T@/nosub.py", line 1, in <module>\n    import pkg.nosub\nModuleNotFoundError: No module named \'pkg.nosub\'\n' nosub.py
check "circular import" 0 "" $'ca start\ncb start\ncb sees ca.x: False\nImportError: cannot import name \'x\' from partially initialized module \'ca\' (most likely due to a circular import) (@T@/circ/ca.py)\nca end, cb.y = 2\nmain: ca.x = 1 cb.y = 2\n' "" circ/main.py
check "import from the current directory with -c" 0 "" $'helper loading helper\nTrue\n' "" -c 'import helper; print(helper.__file__ == "'"$T"'/helper.py")'
check "relative imports" 0 "" $'rp init 7 7 rp\ninner 7 7 leaf rp.inner rp.inner\nleaf\nleaf\n' "" relmain.py
check "relative import without a package" 1 "" "" $'Traceback (most recent call last):\n  File "@T@/relbad.py", line 1, in <module>\n    from . import x\nImportError: attempted relative import with no known parent package\n' relbad.py
check "relative import beyond the top" 1 "" $'rp init 7 7 rp\n' $'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n  File "@T@/rp/toofar.py", line 1, in <module>\n    from ... import a\nImportError: attempted relative import beyond top-level package\n' -c 'import rp.toofar'
OUROPATH="$T/lib" check "OUROPATH" 0 "" $'from OUROPATH\n' "" sub/useonpath.py

# -i and the piped REPL: results on stdout, prompts on stderr
check "-i after a script" 0 $'print(sys.argv)\n' $'[\'args.py\']\n__main__\n[\'args.py\']\n' $'>>> >>> \n' -i args.py
check "-i after an exception" 0 $'x = 5\nx\n' $'5\n' $'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nZeroDivisionError: division by zero\n>>> >>> >>> \n' -i -c '1/0'
check "-i after SystemExit" 0 $'print("still here")\n' $'still here\n' $'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nSystemExit: 3\n>>> >>> \n' -i -c 'raise SystemExit(3)'
check "-i after a missing script" 0 $'1\n' $'1\n' $'ouro: can\'t open file \'@T@/nofile.py\': [Errno 2] No such file or directory\n>>> >>> \n' -i nofile.py
check "piped REPL: 1+1" 0 $'1+1\n' $'2\n' $'>>> >>> \n' -i -q
check "piped REPL: x=1, x" 0 $'x=1\nx\n' $'1\n' $'>>> >>> >>> \n' -i -q
printf 'x=1\n' | (cd "$T" && "$OURO" -i >"$T/.out" 2>"$T/.err")
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$T/.out" ] &&
    [[ "$(cat "$T/.err")" == "Ouroboros 0.1.0 (Python 3.11 subset) ["*"] on linux"$'\nType "exit()" or Ctrl-D (i.e. EOF) to exit.\n>>> >>> ' ]]; then
    pass "piped REPL: banner"
else
    fail "piped REPL: banner" "exit status $rc" "$(cat "$T/.out" "$T/.err")"
fi
check "REPL: for block echoes each value" 0 $'for i in range(3):\n  i\n\nprint("x")\n' $'0\n1\n2\nx\n' $'>>> ... ... >>> >>> \n' -i -q
check "REPL: def, call, _" 0 $'def f(x):\n  return x*2\n\nf(4)\n_\n_+1\nNone\n_\n' $'8\n8\n9\n9\n' $'>>> ... ... >>> >>> >>> >>> >>> >>> \n' -i -q
check "REPL: traceback, sys.last_value" 0 $'1/0\nimport sys\nsys.last_type\nsys.last_value\n' $'<class \'ZeroDivisionError\'>\nZeroDivisionError(\'division by zero\')\n' ">>> $(zde_tb 1)"$'\n>>> >>> >>> >>> \n' -i -q
check "REPL: open bracket" 0 $'x = (1,\n2)\nx\n' $'(1, 2)\n' $'>>> ... >>> >>> \n' -i -q
check "REPL: triple-quoted string" 0 $'s = """a\nb"""\ns\n' $'\'a\\nb\'\n' $'>>> ... >>> >>> \n' -i -q
check "REPL: backslash" 0 $'x = 1 + \\\n2\nx\n' $'3\n' $'>>> ... >>> >>> \n' -i -q
check "REPL: class and repr" 0 $'class A:\n  def __repr__(self): return "A!"\n\nA()\n' $'A!\n' $'>>> ... ... >>> >>> \n' -i -q
check "REPL: if/else block" 0 $'if 1:\n  2\nelse:\n  3\n\n' $'2\n' $'>>> ... ... ... ... >>> \n' -i -q
check "REPL: syntax error" 0 $'def f(:\n1\n' $'1\n' $'>>>   File "<stdin>", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n>>> >>> \n' -i -q
check "REPL: unfinished at end of input" 0 $'x = (1,\n' "" $'>>> ... \n  File "<stdin>", line 1\n    x = (1,\n        ^\nSyntaxError: \'(\' was never closed\n>>> \n' -i -q
check "REPL: block at end of input" 0 $'for i in range(2):\n  i\n' $'0\n1\n' $'>>> ... ... \n>>> \n' -i -q
check "REPL: comments and blank lines" 0 $'# hi\n\n1\n  \n2\nif 1:\n  # c\n  3\n\n' $'1\n2\n3\n' $'>>> >>> >>> >>> >>> >>> ... ... ... >>> \n' -i -q
check "REPL: empty line ends a header without body" 0 $'if 1:\n\n1\n' $'1\n' $'>>> ...   File "<stdin>", line 2\n    \n    ^\nIndentationError: expected an indented block after \'if\' statement on line 1\n>>> >>> \n' -i -q
check "REPL: empty lines inside brackets" 0 $'[1,\n\n2]\n' $'[1, 2]\n' $'>>> ... ... >>> \n' -i -q
check "REPL: exit hint" 0 $'exit\nquit\n' $'Use exit() or Ctrl-D (i.e. EOF) to exit\nUse quit() or Ctrl-D (i.e. EOF) to exit\n' $'>>> >>> >>> \n' -i -q
check "REPL: exit()" 0 $'exit()\nprint(1)\n' "" $'>>> ' -i -q
check "REPL: exit(3)" 3 $'exit(3)\n' "" $'>>> ' -i -q
check "REPL: SystemExit(msg)" 1 $'raise SystemExit("bye")\n' "" $'>>> bye\n' -i -q
check "REPL: KeyboardInterrupt raised" 0 $'raise KeyboardInterrupt\nprint(1)\n' $'1\n' $'>>> Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nKeyboardInterrupt\n>>> >>> \n' -i -q
check "REPL: import error" 0 $'import nosuch\n' "" $'>>> Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nModuleNotFoundError: No module named \'nosuch\'\n>>> \n' -i -q
check "REPL: import from cwd" 0 $'import helper\nhelper.a\n' $'helper loading helper\n1\n' $'>>> >>> >>> \n' -i -q
check "REPL: sys.ps1 and ps2" 0 $'import sys\nsys.ps1 = "A> "\nsys.ps2 = "B "\nif 1:\n 5\n\n' $'5\n' $'>>> >>> A> A> B B A> \n' -i -q
check "REPL: displayhook" 0 $'import sys\nsys.displayhook = lambda v: print("dh", v)\n5\nNone\n' $'dh 5\ndh None\n' $'>>> >>> >>> >>> >>> \n' -i -q
check "REPL: ps1 only in interactive mode" 0 $'import sys; print(hasattr(sys, "ps1"))\n' $'False\nTrue\n' $'>>> >>> \n' -i -c 'import sys; print(hasattr(sys, "ps1"))'
# Ouroboros differs here on purpose: input() shares stdin's buffer with the REPL, so it reads
# the next line (CPython's two buffers make input() swallow the rest of the pipe).
check "REPL: input() reads the next line" 0 $'x = input()\nhello\nx\n' $'\'hello\'\n' $'>>> >>> >>> \n' -i -q

# ---- valgrind on a sample ---------------------------------------------------------------

if [ "${OURO_CLI_VALGRIND:-1}" != 0 ] && command -v valgrind >/dev/null 2>&1 &&
    ! nm -D "$OURO" 2>/dev/null | grep -q __asan_init && ! nm "$OURO" 2>/dev/null | grep -q __asan_init; then
    vg() {
        local name=$1 rc=$2 input=$3
        shift 3
        printf '%s' "$input" >"$T/.in"
        (cd "$T" && valgrind -q --leak-check=full --error-exitcode=9 "$OURO" "$@" <"$T/.in" >/dev/null 2>"$T/.err")
        local got=$?
        if [ $got = "$rc" ]; then pass "valgrind: $name"; else fail "valgrind: $name" "exit status $got, expected $rc" "$(cat "$T/.err")"; fi
    }
    vg "imports" 0 "" imp.py
    vg "circular import" 0 "" circ/main.py
    vg "traceback" 1 "" tb.py
    vg "-m package" 0 "" -m pk2
    vg "piped REPL" 0 $'def f(x):\n  return x*2\n\nf(4)\n1/0\nimport helper\nfrom pkg import sub\n' -i -q
    vg "SystemExit" 3 "" -c 'raise SystemExit(3)'
    vg "gcstress and exit finalizers" 0 "" -X gcstress=5 exitdel.py
else
    echo "NOTE valgrind cases skipped (valgrind missing, OURO_CLI_VALGRIND=0, or a sanitizer build)"
fi

# ---- the REPL on a terminal (tmux) ---------------------------------------------------------

if command -v tmux >/dev/null 2>&1; then
    tm() { tmux -L "$TMUX_SOCKET" -f /dev/null "$@"; }
    session=0
    screen() { tm capture-pane -p -t "cli$session" | sed -e 's/[[:space:]]*$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
    # wait_for TEXT: until the screen contains TEXT (5 s at most).
    wait_for() {
        for _ in $(seq 100); do
            screen 2>/dev/null | grep -qF -- "$1" && return 0
            sleep 0.05
        done
        return 1
    }
    # start ARGS...: a fresh 80x60 terminal running ouro with its own history file
    # ($T/.hist<N>, or $HIST when set); the exit status is shown after it.
    start() {
        [ $session -gt 0 ] && tm kill-session -t "cli$session" >/dev/null 2>&1
        session=$((session + 1))
        local hist=${HIST:-$T/.hist$session}
        tm new-session -d -s "cli$session" -x 80 -y 60 -c "$T" \
            "env OURO_HISTORY=$hist OURO_CHECK_LEAKS=1 INPUTRC=/dev/null '$OURO' $*; echo \"[rc=\$?]\"; sleep 60"
        wait_for '>>>'
    }
    keys() { tm send-keys -t "cli$session" "$@"; }
    # typeln TEXT: types one line once the previous one has been answered: typed-ahead keys
    # are echoed early by the terminal and garble the screen when the machine is loaded.
    prompts() { screen 2>/dev/null | grep -cE '^(>>>|\.\.\.)( |$)'; }
    typeln() {
        local before
        before=$(prompts)
        keys "$1" Enter
        for _ in $(seq 100); do
            [ "$(prompts)" -gt "$before" ] && return 0
            sleep 0.05
        done
        return 1
    }
    # A session that lives as long as the tests, so the server never exits between cases.
    tm new-session -d -s keep -x 80 -y 10 'sleep 600'
    # expect_screen NAME TEXT: the whole screen (trailing blanks trimmed) must be TEXT.
    expect_screen() {
        local name=$1 want=$2 got
        wait_for "[rc=" >/dev/null
        got=$(screen)
        if [ "$got" = "$want" ]; then pass "tmux: $name"; else fail "tmux: $name" "got:" "$got" "wanted:" "$want"; fi
    }

    start -q
    for line in 'x = 41' 'x + 1' 'def f(a):' '    return a * 2' '' 'f(x)' \
                '1/0' 'for i in range(2):' '    i' '' '_' 'None' '_' \
                '[1,' '2]' 's = """a' 'b"""' 's' 'y = 1 + \' '2' 'y' 'def g(:'; do
        typeln "$line"
    done
    keys C-d
    expect_screen "blocks, echo, _, traceback, SyntaxError, Ctrl-D" '>>> x = 41
>>> x + 1
42
>>> def f(a):
...     return a * 2
...
>>> f(x)
82
>>> 1/0
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
ZeroDivisionError: division by zero
>>> for i in range(2):
...     i
...
0
1
>>> _
1
>>> None
>>> _
1
>>> [1,
... 2]
[1, 2]
>>> s = """a
... b"""
>>> s
'"'"'a\nb'"'"'
>>> y = 1 + \
... 2
>>> y
3
>>> def g(:
  File "<stdin>", line 1
    def g(:
          ^
SyntaxError: invalid syntax
>>>
[rc=0]'

    start -q
    keys 'if True:' Enter '    z = 5'
    wait_for '    z = 5' && keys C-c
    wait_for 'KeyboardInterrupt' && keys 'z' Enter 'while True: pass' Enter Enter
    sleep 0.3
    keys C-c
    wait_for '^CTraceback' && sleep 0.2 && keys 'abc'
    wait_for '>>> abc' && keys C-c
    sleep 0.2
    keys 'exit' Enter 'exit()' Enter
    expect_screen "Ctrl-C at the prompt and while running, exit, exit()" '>>> if True:
...     z = 5
KeyboardInterrupt
>>> z
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
NameError: name '"'"'z'"'"' is not defined
>>> while True: pass
...
^CTraceback (most recent call last):
  File "<stdin>", line 1, in <module>
KeyboardInterrupt
>>> abc
KeyboardInterrupt
>>> exit
Use exit() or Ctrl-D (i.e. EOF) to exit
>>> exit()
[rc=0]'

    start -q
    # One line at a time (typeln): typed-ahead lines garble the screen on a loaded machine.
    typeln 'import math'
    keys 'math.sq' Tab
    wait_for 'math.sqrt(' && typeln '16)'
    keys 'pri' Tab
    wait_for 'print(' && typeln '"hi")'
    typeln 'if 1:'
    keys Tab && typeln 'q = 3'
    typeln ''
    typeln 'q'
    typeln 'class K:'
    typeln '    value = 1'
    typeln '    def meth(self): pass'
    typeln ''
    keys 'K.v' Tab
    wait_for 'K.value' && typeln ''
    keys 'K.m' Tab
    wait_for 'K.meth(' && typeln ')'
    keys 'whi' Tab
    wait_for '>>> while' && sleep 0.1 && keys 'False: pass' Enter Enter C-d
    expect_screen "tab completion and Tab indentation" '>>> import math
>>> math.sqrt(16)
4.0
>>> print("hi")
hi
>>> if 1:
...     q = 3
...
>>> q
3
>>> class K:
...     value = 1
...     def meth(self): pass
...
>>> K.value
1
>>> K.meth()
Traceback (most recent call last):
  File "<stdin>", line 1, in <module>
TypeError: K.meth() missing 1 required positional argument: '"'"'self'"'"'
>>> while False: pass
...
>>>
[rc=0]'

    start -q
    keys 'rint(7)' C-a 'p' Enter 'print(98' BSpace BSpace '5)' Enter 'x = 1 + 2' Left Left BSpace '-' Enter 'x' Enter C-d
    expect_screen "line editing" '>>> print(7)
7
>>> print(5)
5
>>> x = 1 - 2
>>> x
-1
>>>
[rc=0]'

    # History: lines are saved to $OURO_HISTORY at exit and come back with Up.
    HIST=$T/.hist_shared start -q
    keys 'h = 6 * 7' Enter C-d
    wait_for '[rc=0]'
    hist=$(cat "$T/.hist_shared" 2>/dev/null)
    if [ "$hist" = 'h = 6 * 7' ]; then pass "tmux: history file written"; else fail "tmux: history file written" "$hist"; fi
    HIST=$T/.hist_shared start -q
    keys Up Enter 'h' Enter C-d
    expect_screen "history recalled with Up" '>>> h = 6 * 7
>>> h
42
>>>
[rc=0]'

    start
    keys C-d
    wait_for '[rc=0]'
    if [[ "$(screen)" == "Ouroboros 0.1.0 (Python 3.11 subset) ["*"] on linux"*'Type "exit()" or Ctrl-D (i.e. EOF) to exit.'*'>>>'*'[rc=0]' ]]; then
        pass "tmux: banner"
    else
        fail "tmux: banner" "$(screen)"
    fi
    tm kill-server >/dev/null 2>&1 || true
else
    echo "NOTE tmux cases skipped: tmux is not installed (apt-get install tmux)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
