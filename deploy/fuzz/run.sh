#!/usr/bin/env bash
# Fuzzes one target (or all, one after the other) with Jazzer for RUNS inputs each.
#
#   deploy/fuzz/run.sh TARGET|all [RUNS]        RUNS defaults to 10000000 per target
#
# Targets: v4 (DHCPv4 decoder), v6 (DHCPv6 decoder, nested options), relay (RELAY-FORW
# nesting and DHCPV4-QUERY unwrapping), lease4 / lease6 (the partitions' decide functions
# against a fuzzed sequence of client messages).
#
# Per target, under $FUZZ_OUT (default target/fuzz at the repository root):
#   <target>/corpus     inputs libFuzzer found interesting; reused by the next run
#   <target>/findings   crashing inputs (crash-<sha1>); copy one into the test's Inputs
#                       directory under src/test/resources to make it a regression test
#   <target>/log        the whole output; its latest status line ("#<inputs> ... exec/s:")
#                       is echoed every 30 s
# Exits non-zero if any target produced a finding.
#
# The machine is shared: one target at a time, one fuzzing process (libFuzzer -jobs is not used).
# FUZZ_HEAP (default 768m) caps the JVM heap; FUZZ_TIMEOUT (default 10 s) turns an input that
# runs longer into a finding (an endless loop on a length field).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

declare -A MODULE=(
    [v4]=protocol [v6]=protocol [relay]=protocol [lease4]=lease-shard [lease6]=lease-shard)
declare -A TEST=(
    [v4]=DhcpV4DecoderFuzzTest [v6]=DhcpV6DecoderFuzzTest [relay]=RelayChainFuzzTest
    [lease4]=Decide4FuzzTest [lease6]=Decide6FuzzTest)
ORDER=(v4 v6 relay lease4 lease6)

usage() {
    echo "usage: $0 {${ORDER[*]}|all} [RUNS]" | tr ' ' '|' >&2
    exit 2
}

[ $# -ge 1 ] || usage
runs=${2:-10000000}
[[ $runs =~ ^[0-9]+$ ]] || usage
if [ "$1" = all ]; then
    targets=("${ORDER[@]}")
elif [ -n "${MODULE[$1]:-}" ]; then
    targets=("$1")
else
    usage
fi
out=${FUZZ_OUT:-$root/target/fuzz}

fuzz() { # <target>
    local t=$1 dir=$out/$1
    mkdir -p "$dir/corpus" "$dir/findings"
    echo "event=fuzz_start target=$t test=${TEST[$t]} runs=$runs out=$dir"
    # jazzer.hooks=true: the agent (coverage instrumentation, bug detectors), which the
    # modules' junit-platform.properties turn off for plain replays. jazzer.internal.arg.N are
    # libFuzzer's arguments: the first directory is the corpus it writes, the test's Inputs
    # directory is added by Jazzer as read-only seeds; flags given here come last and win over
    # the @FuzzTest defaults (its 5-minute maxDuration).
    JAZZER_FUZZ=1 JAVA_TOOL_OPTIONS="-Xmx${FUZZ_HEAP:-768m}" \
        mvn -B -o -pl "${MODULE[$t]}" -am test \
        -Dtest="${TEST[$t]}" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djazzer.hooks=true \
        -Djazzer.internal.arg.0=fuzz \
        -Djazzer.internal.arg.1="$dir/corpus" \
        -Djazzer.internal.arg.2="-runs=$runs" \
        -Djazzer.internal.arg.3=-max_total_time=0 \
        -Djazzer.internal.arg.4="-timeout=${FUZZ_TIMEOUT:-10}" \
        -Djazzer.internal.arg.5="-artifact_prefix=$dir/findings/" \
        -Djazzer.internal.arg.6=-print_final_stats=1 \
        > "$dir/log" 2>&1 &
    local mvn=$!
    # Progress: every 30 s, libFuzzer's latest status line ("#<inputs> ... exec/s: <n>"; it
    # writes one when the corpus grows and at each power of two), and findings and the final
    # statistics as they come.
    (started=$SECONDS
    while kill -0 $mvn 2>/dev/null; do
        sleep 30
        echo "[$((SECONDS - started)) s] $(grep -a -E '^#[0-9]+' "$dir/log" | tail -n 1 | cut -c1-110)"
    done) &
    local progress=$!
    tail -n +1 -f "$dir/log" --pid=$mvn | grep -a --line-buffered -E '^stat::|FuzzTestFinding|^==[0-9]+== ERROR|BUILD' &
    wait $mvn
    local rc=$?
    kill $progress 2>/dev/null
    sleep 1
    local executed rate found
    executed=$(grep -m1 '^stat::number_of_executed_units' "$dir/log" | awk '{print $2}')
    rate=$(grep -m1 '^stat::average_exec_per_sec' "$dir/log" | awk '{print $2}')
    found=$(find "$dir/findings" -type f | wc -l)
    echo "event=fuzz_done target=$t executed=${executed:-?} exec_per_sec=${rate:-?} findings=$found exit=$rc"
    [ "$rc" -eq 0 ] && [ "$found" -eq 0 ]
}

failed=0
for t in "${targets[@]}"; do
    fuzz "$t" || failed=1
done
exit $failed
