#!/usr/bin/env bash
# Load test of the pre-send service (`replylint serve`): a 1.9 KB draft
# (draft.txt) POSTed to /v1/check by wrk at concurrency 1, 16 and 64, on
# loopback only. Prints p50 and p99 latency, requests per second and
# errors per level, and the server's resident memory before and after.
# Exits 1 when any request failed.
#
#   benches/load/run.sh [SECONDS_PER_LEVEL]     (default 30)
#
# Needs wrk (`apt-get install wrk`). Uses target/release/replylint (built
# if missing) unless REPLYLINT_BIN names another binary. wrk and the
# server share the machine's cores: on 2 cores the figures are the
# service's under a competing client, a floor rather than a ceiling.
set -euo pipefail
seconds=${1:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/benches/load
bin=${REPLYLINT_BIN:-$root/target/release/replylint}
if ! command -v wrk >/dev/null; then
    echo "benches/load/run.sh needs wrk: apt-get install wrk" >&2
    exit 2
fi
if [[ ! -x $bin ]]; then
    (cd "$root" && cargo build --release --quiet)
fi
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
# The default pack and no configuration: the same work for every run.
(cd "$work" && exec "$bin" serve --listen 127.0.0.1:0 --isolated 2>"$work/log") &
pid=$!
for _ in $(seq 1200); do  # up to 60 s: a debug build compiles the rules slowly
    grep -q 'listening on' "$work/log" 2>/dev/null && break
    sleep 0.05
done
url=$(grep -o 'http://[0-9.:]*' "$work/log" | head -1 || true)
[[ -n $url ]] || { echo "the server did not start:" >&2; cat "$work/log" >&2; exit 2; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

# Warm up (first requests fault in the compiled rules), then measure.
wrk -t1 -c1 -d2s -s "$here/post.lua" "$url/v1/check" -- "$here/draft.txt" >/dev/null
rss_start=$(rss)
failed=0
total=0
p50_c1=
printf '%-12s %10s %10s %12s %10s %8s\n' concurrency p50_ms p99_ms requests/s requests errors
for c in 1 16 64; do
    threads=$((c < 2 ? c : 2))
    out=$(wrk -t"$threads" -c"$c" -d"${seconds}s" --timeout 10s -s "$here/post.lua" \
        "$url/v1/check" -- "$here/draft.txt")
    p50=$(awk '/^p50_us/ {printf "%.3f", $2 / 1000}' <<<"$out")
    p99=$(awk '/^p99_us/ {printf "%.3f", $2 / 1000}' <<<"$out")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    n=$(awk '/^requests/ {print $2}' <<<"$out")
    errors=$(awk '/^errors/ {print $2}' <<<"$out")
    total=$((total + n))
    [[ $c == 1 ]] && p50_c1=$p50
    printf '%-12s %10s %10s %12s %10s %8s\n' "$c" "$p50" "$p99" "$rps" "$n" "$errors"
    ((errors == 0)) || failed=1
done
rss_end=$(rss)
echo "server resident memory: ${rss_start} kB after warm-up, ${rss_end} kB after $total requests"
# References from the same run: the same draft through a new process each
# time (`check -`, what a shell hook pays), and the process's --version.
median_ms() {
    local times=()
    for _ in $(seq 15); do
        local t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        times+=($((($(date +%s%N) - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.3f", a[int((NR + 1) / 2)] / 1000}'
}
cli=$(median_ms sh -c "\"$bin\" check --isolated - <\"$here/draft.txt\"")
version=$(median_ms "$bin" --version)
first_p50=$(awk 'NR == 1' <<<"$p50_c1")
echo "references: check - per draft ${cli} ms, --version ${version} ms (medians of 15);" \
    "the service's p50 at concurrency 1 is $(awk -v a="$cli" -v b="$first_p50" 'BEGIN {printf "%.0f", a / b}')x faster than a process per draft"

kill -TERM "$pid"
wait "$pid" || true
exit "$failed"
