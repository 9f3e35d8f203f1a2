#!/usr/bin/env bash
# Ticket exports at scale: peak resident memory and time of
#   replylint check --input-format jsonl ... --report audit.json -
# over 10,000, 100,000 and 1,000,000 generated records of about 2 KB
# (generate.py, piped in: nothing is written to disk), and over 10,000
# files of the same replies, with ripgrep over the same input as the
# reference from the same run. Peak memory must not grow with the input.
#
#   benches/exports/run.sh [COUNTS…]     (default: 10000 100000 1000000)
#
# Needs /usr/bin/time (GNU time) and python3; rg is optional. Uses
# target/release/replylint (built if missing) unless REPLYLINT_BIN says.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/benches/exports
bin=${REPLYLINT_BIN:-$root/target/release/replylint}
[[ -x $bin ]] || (cd "$root" && cargo build --release --quiet)
counts=("${@:-10000 100000 1000000}")
read -r -a counts <<<"${counts[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
phrases=$work/phrases
printf '%s\n' obviously 'user error' soon 'closing the ticket' "can't" >"$phrases"

measure() { # label, command… : prints wall seconds and peak kB
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
    read -r secs kb <"$work/time"
    printf '%-34s %9s s %9s kB\n' "$label" "$secs" "$kb"
}

printf '%-34s %11s %12s\n' input wall peak_rss
for n in "${counts[@]}"; do
    measure "replylint, $n records" sh -c \
        "python3 '$here/generate.py' $n | '$bin' check --isolated --input-format jsonl --text-field text \
         --group-field team,agent,macro,created_at --output-format json-lines --exit-zero --report '$work/audit.json' -"
    grep -o '[0-9]* replies checked' "$work/err" || tail -1 "$work/err"
    measure "generator alone, $n records" sh -c "python3 '$here/generate.py' $n"
    if command -v rg >/dev/null; then
        measure "ripgrep (5 phrases), $n records" sh -c "python3 '$here/generate.py' $n | rg -c -i -f '$phrases'"
    fi
done
# The same replies as 10,000 files.
mkdir -p "$work/files"
python3 "$here/generate.py" 10000 | python3 -c "
import json, sys
for i, line in enumerate(sys.stdin):
    open('$work/files/reply-%05d.txt' % i, 'w').write(json.loads(line)['text'])
"
measure "replylint, 10000 files" "$bin" check --isolated --output-format json-lines --exit-zero "$work/files"
if command -v rg >/dev/null; then
    measure "ripgrep, 10000 files" rg -c -i -f "$phrases" "$work/files"
fi
