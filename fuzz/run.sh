#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each, one after the
# other, with its seeds and dictionary, and prints per target: executions,
# crashes, timeouts and out-of-memory stops. Exits 1 if any target crashed,
# hung or ran out of memory (the input is under fuzz/artifacts/<target>/),
# 2 on a usage or build error.
#
#   fuzz/run.sh SECONDS [TARGET...]
#
# Environment:
#   FUZZ_TOOLCHAIN   rustup toolchain to build with (default: nightly when
#                    installed, else stable)
#   FUZZ_JOBS        cargo build jobs (default 2)
#   FUZZ_CODEGEN_UNITS  codegen units of the build (cargo-fuzz's default: 1;
#                    16 builds faster and runs somewhat slower, for CI)
#   FUZZ_TIMEOUT     seconds one input may take before it counts as a hang (10)
#   FUZZ_RSS_MB      memory limit of a fuzzing process in MiB (2048)
#   FUZZ_ARGS        extra libFuzzer arguments (such as -seed=1)
#   CARGO_TARGET_DIR where to build (default: the repository's target/)
set -euo pipefail

usage() {
    echo "usage: fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 2
}
[[ $# -ge 1 && $1 =~ ^[0-9]+$ ]] || usage
seconds=$1
shift

fuzz_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz_dir")
all_targets=(reply_model containers rule_yaml config exports)
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "unknown target: $t" >&2; usage; }
done

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
jobs=${FUZZ_JOBS:-2}
timeout=${FUZZ_TIMEOUT:-10}
rss_mb=${FUZZ_RSS_MB:-2048}

# The toolchain: nightly when present, else stable. With `-s none`
# cargo-fuzz passes only -C options and --cfg fuzzing, which stable builds
# as it is (tried with cargo-fuzz 0.13 and Rust 1.95: no RUSTC_BOOTSTRAP).
if [[ -n ${FUZZ_TOOLCHAIN:-} ]]; then
    toolchain=$FUZZ_TOOLCHAIN
elif rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=nightly
else
    toolchain=stable
fi
echo "fuzz: toolchain $toolchain ($(rustc +"$toolchain" --version))"

command -v cargo-fuzz >/dev/null || {
    echo "fuzz: cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 2
}

# No sanitizer: the library is safe Rust, so AddressSanitizer would only
# halve the executions; panics, debug assertions, hangs and memory blow-ups
# are what the targets look for.
build_start=$SECONDS
build_args=(-s none)
[[ -z ${FUZZ_CODEGEN_UNITS:-} ]] || build_args+=(--codegen-units "$FUZZ_CODEGEN_UNITS")
(cd "$fuzz_dir" && CARGO_BUILD_JOBS=$jobs cargo +"$toolchain" fuzz build "${build_args[@]}") || exit 2
echo "fuzz: built in $((SECONDS - build_start)) s"
bin_dir=$CARGO_TARGET_DIR/$(rustc +"$toolchain" -vV | sed -n 's/^host: //p')/release

# The seeds of a target into fuzz/corpus/<target>/ (kept between runs, so
# what the fuzzer found before is fuzzed again): the committed seeds under
# fuzz/seeds/ and the repository's own fixtures and rules.
seed() {
    local target=$1 corpus=$fuzz_dir/corpus/$1 f kind
    mkdir -p "$corpus"
    cp -n "$fuzz_dir/seeds/$target"/* "$corpus/" 2>/dev/null || true
    case $target in
    reply_model)
        while IFS= read -r -d '' f; do
            cp -n "$f" "$corpus/fixture-$(echo "$f" | tr '/' '_')"
        done < <(cd "$root" && find fixtures -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' \) -print0)
        ;;
    containers)
        # The first byte chooses the container kind (see the target).
        while IFS= read -r -d '' f; do
            case $f in
            *.json) kind='\x00' ;;
            *.yml | *.yaml) kind='\x01' ;;
            *.html) kind='\x02' ;;
            *.md) kind='\x03' ;;
            *) kind='\x04' ;;
            esac
            { printf "$kind"; cat "$root/$f"; } >"$corpus/fixture-$(echo "$f" | tr '/' '_')"
        done < <(cd "$root" && find fixtures -type f ! -name replylint.yaml ! -name '.*' -print0)
        ;;
    rule_yaml)
        while IFS= read -r -d '' f; do
            cp -n "$root/$f" "$corpus/rule-$(echo "$f" | tr '/' '_')"
        done < <(cd "$root" && find rules -name '*.yml' -print0)
        ;;
    config)
        while IFS= read -r -d '' f; do
            cp -n "$root/$f" "$corpus/config-$(echo "$f" | tr '/' '_')"
        done < <(cd "$root" && find fixtures -name 'replylint.yaml' -print0)
        ;;
    esac
}

# The dictionaries of a target, concatenated (libFuzzer takes one).
dictionary() {
    local parts
    case $1 in
    reply_model) parts=(prose markdown html liquid) ;;
    containers) parts=(json yaml html markdown liquid prose) ;;
    rule_yaml) parts=(yaml rule) ;;
    config) parts=(yaml config) ;;
    exports) parts=(json prose) ;;
    esac
    local out=$fuzz_dir/corpus/$1.dict
    for p in "${parts[@]}"; do cat "$fuzz_dir/dict/$p.dict"; done >"$out"
    echo "$out"
}

failed=0
printf '%-12s %12s %8s %9s %5s %8s\n' target executions crashes timeouts ooms seconds
for target in "${targets[@]}"; do
    seed "$target"
    dict=$(dictionary "$target")
    artifacts=$fuzz_dir/artifacts/$target
    mkdir -p "$artifacts"
    log=$fuzz_dir/artifacts/$target.log
    marker=$(mktemp)
    start=$SECONDS
    status=0
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of arguments
    "$bin_dir/$target" "$fuzz_dir/corpus/$target" \
        -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss_mb" \
        -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        ${FUZZ_ARGS:-} >"$log" 2>&1 || status=$?
    found=$(find "$artifacts" -type f -newer "$marker")
    count() { grep -c "/$1-" <<<"$found" || true; }
    crashes=$(count crash)
    timeouts=$(count timeout)
    ooms=$(count oom)
    rm -f "$marker"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    printf '%-12s %12s %8s %9s %5s %8s\n' "$target" "${execs:-?}" "$crashes" "$timeouts" "$ooms" "$((SECONDS - start))"
    if [[ $status -ne 0 || $((crashes + timeouts + ooms)) -gt 0 ]]; then
        failed=1
        echo "fuzz: $target failed (exit $status); log: $log" >&2
        grep -E -m1 -A12 "panicked at|ERROR: libFuzzer|==ERROR" "$log" >&2 || tail -20 "$log" >&2
        [[ -z $found ]] || echo "fuzz: inputs: $found" >&2
    fi
done
exit "$failed"
