#!/usr/bin/env bash
# Builds the front-end fuzz target with clang and libFuzzer (ASan + UBSan), and its seed
# corpus from the golden test scripts:
#
#     tests/fuzz/build.sh [OUTDIR]          # default OUTDIR: build-fuzz/fuzz
#
# Produces OUTDIR/fuzz_compile (libFuzzer), OUTDIR/replay_compile (the same checks with a
# plain main() that replays files, for regression runs) and OUTDIR/seeds/ (one file per
# tests/scripts/**/*.py plus tests/fuzz/regressions/*). Needs clang with its fuzzer
# runtime (Debian: apt-get install clang libclang-rt-14-dev) and re2c.
# Run:  OUTDIR/fuzz_compile -dict=tests/fuzz/python.dict -max_len=4096 CORPUS OUTDIR/seeds
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd -P)
out=${1:-$root/build-fuzz/fuzz}
mkdir -p "$out/obj" "$out/gen/compiler" "$out/seeds"
CC=${CC:-clang}
jobs=${JOBS:-2}

re2c -W --no-generation-date --no-version -c -o "$out/gen/compiler/lexer.c" \
    "$root/compiler/lexer.re"

sources=$(ls "$root"/gc/*.c "$root"/vm/*.c "$root"/compiler/*.c "$root"/stdlib/*.c \
             "$out/gen/compiler/lexer.c")
cflags="-std=gnu11 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
        -fno-sanitize-recover=undefined -I$root -I$out/gen -DOURO_SANITIZE=1 -w"

# Instrumented objects, rebuilt only when their source is newer.
export CC cflags out
printf '%s\n' $sources | xargs -P "$jobs" -I{} sh -c '
    src={}; rel=$(echo "$src" | sed "s|/|_|g"); obj="$out/obj/${rel%.c}.o"
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
        $CC $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$obj" || exit 255
    fi'

objs=$(for src in $sources; do rel=$(echo "$src" | sed "s|/|_|g"); echo "$out/obj/${rel%.c}.o"; done)
$CC $cflags -DOURO_FUZZ_LIBFUZZER -fsanitize=fuzzer "$root/tests/fuzz/fuzz_compile.c" \
    $objs -lgmp -lm -o "$out/fuzz_compile"
$CC $cflags -fsanitize=fuzzer-no-link "$root/tests/fuzz/fuzz_compile.c" \
    $objs -lgmp -lm -o "$out/replay_compile"

# Seeds: every golden script (flattened names) and every regression input.
find "$root/tests/scripts" -name '*.py' | while read -r f; do
    rel=${f#$root/tests/scripts/}
    cp "$f" "$out/seeds/$(echo "$rel" | tr / _)"
done
if [ -d "$root/tests/fuzz/regressions" ]; then
    cp "$root"/tests/fuzz/regressions/* "$out/seeds/" 2>/dev/null || true
fi
echo "built $out/fuzz_compile, $out/replay_compile; $(ls "$out/seeds" | wc -l) seeds"
