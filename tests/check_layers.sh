#!/usr/bin/env bash
# Fails when a lower layer includes a header of a higher one.
# Order, lowest first: gc, vm, compiler, stdlib, vm/cli (which may include anything).
set -u
root=${1:-.}
status=0
check() {  # check DIR FORBIDDEN-PREFIX...
    local dir=$1; shift
    for bad in "$@"; do
        hits=$(grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"$bad/" "$root/$dir"/*.c "$root/$dir"/*.h "$root/$dir"/*.re "$root/$dir"/*.def 2>/dev/null)
        if [ -n "$hits" ]; then
            echo "layer violation: $dir/ must not include $bad/:"; echo "$hits"; status=1
        fi
    done
}
check gc vm compiler stdlib
check vm compiler stdlib
check compiler stdlib
if [ $status -eq 0 ]; then echo "layers: ok"; fi
exit $status
