#!/usr/bin/env bash
# Fuzz the GuardrailSyntax tokenizers and syntax layers with libFuzzer.
# See docs/fuzzing.md. The targets are not SwiftPM targets: this script
# compiles Sources/GuardrailSyntax together with Fuzz/Common.swift and
# Fuzz/<target>.swift in one swiftc invocation (-sanitize=fuzzer,address).
#
#   Fuzz/run.sh build [target…]              build (default: every target)
#   Fuzz/run.sh <target> [seconds] [-flag…]  build, then fuzz (default 600 s)
#   Fuzz/run.sh replay <target> <file|dir>…  run inputs once; non-zero if one fails
#   Fuzz/run.sh minimize <target> <crash>    shrink a crashing input
#   Fuzz/run.sh cmin <target> <out-dir>      merge seeds + working corpus into a minimal set
#   Fuzz/run.sh clean                        delete the scratch directory
#
# Targets: python, typescript. Everything written goes under the scratch
# directory, $GUARDRAIL_FUZZ_DIR (default: <repo>/.build-fuzz, gitignored):
#   bin/fuzz-<target>          the instrumented binaries
#   corpus/<target>/           working corpus (libFuzzer adds new inputs here)
#   artifacts/<target>/        crash-*, timeout-*, oom-*, leak-*, slow-unit-*
#   logs/<target>-<stamp>.log  full libFuzzer output of each run
# The committed seeds in Fuzz/corpus/<target>/ are only read.
set -euo pipefail

TARGETS=(python typescript)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
scratch="${GUARDRAIL_FUZZ_DIR:-$repo/.build-fuzz}"

# The Swift runtime's own crash backtracer (swift-backtrace) must stay out of
# the way: libFuzzer reports the crash itself, and an orphaned backtracer
# can hold the output pipe open long after the fuzzer has exited.
export SWIFT_BACKTRACE="enable=no"
# Symbolized ASan stacks; dedup_token_length lets -minimize_crash keep the same crash.
export ASAN_OPTIONS="${ASAN_OPTIONS:-symbolize=1:detect_stack_use_after_return=0:dedup_token_length=3}"

die() { echo "fuzz: $*" >&2; exit 2; }

usage() {
    sed -n '7,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

check_target() {
    local t
    for t in "${TARGETS[@]}"; do [[ "$1" == "$t" ]] && return 0; done
    die "unknown target '$1' (targets: ${TARGETS[*]})"
}

binary() { echo "$scratch/bin/fuzz-$1"; }

# Builds unless the binary is newer than every source it is made of.
ensure_built() {
    local out
    out="$(binary "$1")"
    if [[ -x "$out" && -z "$(find "$repo/Sources/GuardrailSyntax" "$here/Common.swift" "$here/$1.swift" \
            -name '*.swift' -newer "$out" -print -quit)" ]]; then
        echo "fuzz: $out is up to date" >&2
    else
        build "$1"
    fi
}

build() {
    local target="$1"
    check_target "$target"
    command -v swiftc >/dev/null 2>&1 || die "swiftc not found on PATH"
    local out
    out="$(binary "$target")"
    mkdir -p "$(dirname "$out")"
    local sources=()
    while IFS= read -r -d '' f; do sources+=("$f"); done \
        < <(find "$repo/Sources/GuardrailSyntax" -name '*.swift' -print0 | sort -z)
    [[ ${#sources[@]} -gt 0 ]] || die "no sources under $repo/Sources/GuardrailSyntax"
    # lld links the sanitizer runtimes without gold's "Cannot export local
    # symbol" noise; fall back to the default linker when it is missing.
    local linker=()
    if [[ -x "$(dirname "$(command -v swiftc)")/ld.lld" ]] || command -v ld.lld >/dev/null 2>&1; then
        linker=(-use-ld=lld)
    fi
    local rev
    rev="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    if [[ -n "$(git -C "$repo" status --porcelain -- Sources/GuardrailSyntax 2>/dev/null)" ]]; then
        rev="$rev + uncommitted changes"
    fi
    echo "fuzz: building $out (GuardrailSyntax at $rev)" >&2
    local start=$SECONDS
    local jobs
    jobs="$(nproc 2>/dev/null || echo 1)"
    # Run from the scratch directory: with -wmo swiftc leaves module files
    # (GuardrailSyntax-1.swiftmodule …) in the current directory.
    (cd "$(dirname "$out")" && swiftc -swift-version 6 -module-name GuardrailSyntax -parse-as-library \
        -sanitize=fuzzer,address -O -g -wmo -num-threads "$jobs" "${linker[@]}" \
        "${sources[@]}" "$here/Common.swift" "$here/$target.swift" \
        -o "$out") \
        || die "build of $target failed"
    echo "fuzz: built $target in $((SECONDS - start)) s" >&2
}

# Artifacts present in a directory (one name per line).
artifacts() { find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -printf '%f\n' 2>/dev/null | sort; }

# The repository's own sources of the target's language (rule fixtures, the
# demo tree) as extra seeds, copied to the scratch folder at run time rather
# than committed twice.
repo_seeds() {
    local target="$1" dir="$scratch/repo-seeds/$1"
    rm -rf "$dir"; mkdir -p "$dir"
    local patterns=()
    if [[ "$target" == python ]]; then patterns=(-name '*.py' -o -name '*.pyi')
    else patterns=(-name '*.ts' -o -name '*.tsx' -o -name '*.js' -o -name '*.jsx' -o -name '*.mjs' -o -name '*.cjs'); fi
    local n=0 f
    while IFS= read -r -d '' f; do
        n=$((n + 1)); cp "$f" "$dir/$n-$(basename "$f")"
    done < <(find "$repo/Rules" "$repo/Examples/demo-monorepo" -type f \( "${patterns[@]}" \) -print0 | sort -z)
    echo "$dir"
}

fuzz() {
    local target="$1" seconds="${2:-600}"
    shift $(( $# >= 2 ? 2 : 1 ))
    check_target "$target"
    [[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || die "seconds must be a positive whole number, got '$seconds'"
    local seeds="$here/corpus/$target"
    [[ -d "$seeds" ]] || die "no seed corpus at $seeds"
    ensure_built "$target"
    local work="$scratch/corpus/$target" art="$scratch/artifacts/$target" logs="$scratch/logs"
    mkdir -p "$work" "$art" "$logs"
    local log
    log="$logs/$target-$(date +%Y%m%d-%H%M%S).log"
    local before
    before="$(artifacts "$art")"
    local dict=()
    [[ -f "$here/$target.dict" ]] && dict=(-dict="$here/$target.dict")
    echo "fuzz: $target for ${seconds} s; corpus $work (+ seeds $seeds); artifacts $art; log $log" >&2
    local rc=0
    # The working corpus comes first: libFuzzer writes new inputs only there.
    "$(binary "$target")" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" "$@" \
        "$work" "$seeds" "$(repo_seeds "$target")" 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
    local after new
    after="$(artifacts "$art")"
    new="$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')"
    if [[ $rc -ne 0 || -n "$new" ]]; then
        echo "fuzz: $target FOUND something (libFuzzer exit $rc); new artifacts:" >&2
        if [[ -n "$new" ]]; then echo "$new" | sed "s|^|  $art/|" >&2; else echo "  (none written; see $log)" >&2; fi
        echo "fuzz: reproduce with: Fuzz/run.sh replay $target <artifact>" >&2
        exit 1
    fi
    echo "fuzz: $target clean after ${seconds} s ($(find "$work" -type f | wc -l) inputs in the working corpus)" >&2
}

replay() {
    local target="${1:-}"
    [[ -n "$target" ]] || die "usage: Fuzz/run.sh replay <target> <file|dir>…"
    shift
    [[ $# -gt 0 ]] || die "usage: Fuzz/run.sh replay <target> <file|dir>…"
    check_target "$target"
    local files=() p
    for p in "$@"; do
        if [[ -d "$p" ]]; then
            while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$p" -type f -print0 | sort -z)
        elif [[ -f "$p" ]]; then
            files+=("$p")
        else
            die "no such file or directory: $p"
        fi
    done
    [[ ${#files[@]} -gt 0 ]] || die "nothing to replay"
    ensure_built "$target"
    # With file arguments libFuzzer runs each once and stops at the first failure.
    "$(binary "$target")" -timeout=10 -rss_limit_mb=2048 -runs=1 "${files[@]}"
}

minimize() {
    local target="${1:-}" crash="${2:-}"
    [[ -n "$target" && -n "$crash" ]] || die "usage: Fuzz/run.sh minimize <target> <crash-file>"
    check_target "$target"
    [[ -f "$crash" ]] || die "no such file: $crash"
    ensure_built "$target"
    local out="${crash}.min"
    "$(binary "$target")" -minimize_crash=1 -max_total_time=60 -timeout=10 \
        -exact_artifact_path="$out" "$crash" || true
    [[ -f "$out" ]] || die "minimisation produced nothing (does $crash still fail? try: Fuzz/run.sh replay $target $crash)"
    echo "fuzz: minimised input: $out ($(wc -c < "$out") bytes)" >&2
}

cmin() {
    local target="${1:-}" out="${2:-}"
    [[ -n "$target" && -n "$out" ]] || die "usage: Fuzz/run.sh cmin <target> <out-dir>"
    check_target "$target"
    ensure_built "$target"
    mkdir -p "$out"
    [[ -z "$(find "$out" -mindepth 1 -print -quit)" ]] || die "$out is not empty"
    local inputs=("$here/corpus/$target")
    [[ -d "$scratch/corpus/$target" ]] && inputs+=("$scratch/corpus/$target")
    "$(binary "$target")" -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 "$out" "${inputs[@]}"
}

[[ $# -gt 0 ]] || usage
cmd="$1"
shift
case "$cmd" in
    build)
        if [[ $# -eq 0 ]]; then set -- "${TARGETS[@]}"; fi
        for t in "$@"; do build "$t"; done
        ;;
    replay) replay "$@" ;;
    minimize) minimize "$@" ;;
    cmin) cmin "$@" ;;
    clean) rm -rf -- "$scratch" ;;
    -h|--help|help) usage ;;
    *) fuzz "$cmd" "$@" ;;
esac
