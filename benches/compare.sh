#!/usr/bin/env bash
# Compares two replylint builds on the same command, run after run.
#
#   benches/compare.sh [-n RUNS] NEW_BIN OLD_BIN ARGS...
#   benches/compare.sh -n 20 target/release/replylint /tmp/old/replylint \
#       check --output-format concise --exit-zero /tmp/replylint-bench-42/replies
#
# Each round runs NEW then OLD, so both see the same state of the machine
# (a shared or virtual machine drifts by tens of percent within minutes,
# which makes best-of-N runs taken one after the other unreliable). Prints
# the minimum and median wall and user CPU time of each and the ratios
# NEW/OLD. Needs /usr/bin/time and python3; asserts nothing.
set -euo pipefail

runs=10
if [[ "${1:-}" == "-n" ]]; then
    runs=$2
    shift 2
fi
if (($# < 3)); then
    sed -n '2,12p' "$0" >&2
    exit 2
fi
new=$1
old=$2
shift 2

times=$(mktemp)
trap 'rm -f "$times"' EXIT
for _ in $(seq "$runs"); do
    /usr/bin/time -a -o "$times" -f "new %e %U" "$new" "$@" >/dev/null
    /usr/bin/time -a -o "$times" -f "old %e %U" "$old" "$@" >/dev/null
done

python3 - "$times" <<'PY'
import statistics, sys
runs = {"new": [], "old": []}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 3 and parts[0] in runs:
        runs[parts[0]].append((float(parts[1]), float(parts[2])))
def stats(name):
    wall = [w for w, _ in runs[name]]
    user = [u for _, u in runs[name]]
    return min(wall), statistics.median(wall), statistics.median(user)
new, old = stats("new"), stats("old")
for name, (wmin, wmed, umed) in (("new", new), ("old", old)):
    print(f"{name}: wall min {wmin:.3f} s, median {wmed:.3f} s; user CPU median {umed:.3f} s ({len(runs[name])} runs)")
print(f"new/old: wall min {new[0] / old[0]:.3f}x, wall median {new[1] / old[1]:.3f}x, user CPU median {new[2] / old[2]:.3f}x")
PY
