#!/usr/bin/env bash
# deploy/bench/scale-out.sh ["RATES"] [SECONDS]
#
# The scale-out benchmark: the same relayed DHCPv4 load (new clients, full DORA) against a
# cluster of 1, 2 and 3 node processes on this machine, all on one PostgreSQL, in one run.
# For each cluster size and offered rate it prints the leases/s achieved and the CPU seconds
# spent per 1,000 leases by the nodes and by PostgreSQL (from /proc: each process's own time
# plus that of its children, exited ones included).
#
# On a 2-core machine the total cannot grow with the node count; CPU per lease staying flat is
# what shows the nodes add capacity rather than coordination cost.
#
#   RATES    offered new clients per second, split evenly over the nodes (default "400 1500")
#   SECONDS  measured seconds per step (default 20), after a 5 s warm-up at the same rate
#
# Needs: the built jars (mvn -q -B -DskipTests package), curl. Writes the report to
# deploy/bench/results/scale-out-<timestamp>.txt as well as stdout.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
RATES=${1:-"400 1500"}
SECONDS_PER_STEP=${2:-20}
STATE=${STATE:-/tmp/dhcp-scale-out}
PG_PORT=${PG_PORT:-5439}
NODE_JAR=$REPO/node/target/dhcp-node.jar
CLIENT_JAR=$REPO/client/target/dhcp-client.jar
REPORT=$REPO/deploy/bench/results/scale-out-$(date +%Y%m%d-%H%M%S).txt
CLK_TCK=$(getconf CLK_TCK)

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
[[ -f $NODE_JAR && -f $CLIENT_JAR ]] || { log "build first: mvn -q -B -DskipTests package"; exit 2; }

# CPU seconds of a process and all its descendants, exited children included (cutime, cstime).
tree_cpu() {
  local pid=$1 total=0 f child
  [[ -r /proc/$pid/stat ]] || { echo 0; return; }
  # fields after the ")" of comm: state is $1, utime $12, stime $13, cutime $14, cstime $15
  f=$(sed 's/^.*) //' "/proc/$pid/stat")
  total=$(awk '{ print $12 + $13 + $14 + $15 }' <<<"$f")
  for child in $(pgrep -P "$pid" || true); do
    total=$((total + $(tree_cpu "$child")))
  done
  echo "$total"
}

cpu_seconds() { # pids... -> seconds with two decimals
  local t=0 p
  for p in "$@"; do t=$((t + $(tree_cpu "$p"))); done
  awk -v t="$t" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", t / hz }'
}

cleanup() {
  STATE=$STATE/cluster "$REPO/deploy/cluster/local-cluster.sh" stop >/dev/null 2>&1 || true
  if [[ -f $STATE/postgres.pid ]]; then
    kill -TERM "$(cat "$STATE/postgres.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$(cat "$STATE/postgres.pid")" 2>/dev/null || break; sleep 0.1; done
    rm -f "$STATE/postgres.pid"
  fi
}
trap cleanup EXIT

rm -rf "$STATE" && mkdir -p "$STATE"
log "starting PostgreSQL (embedded binaries) on 127.0.0.1:$PG_PORT"
setsid java -jar "$NODE_JAR" --postgres-only --data-directory "$STATE/pgdata" --port "$PG_PORT" > "$STATE/postgres.log" 2>&1 < /dev/null &
echo $! > "$STATE/postgres.pid"
for _ in $(seq 1 1200); do grep -q "postgres ready" "$STATE/postgres.log" && break; sleep 0.1; done
grep -q "postgres ready" "$STATE/postgres.log" || { log "PostgreSQL did not start"; cat "$STATE/postgres.log" >&2; exit 1; }
# The postmaster is not a child of the JVM that started it (pg_ctl daemonizes it): find it by its
# data directory; its backends are its children.
PG_PID=$(pgrep -o -f -- "-D $STATE/pgdata" || pgrep -o -f -- "$STATE/pgdata")
[[ -n $PG_PID ]] || { log "cannot find the postmaster of $STATE/pgdata"; exit 1; }

# Runs N generators (one per node, relay 127.0.0.(1+i) -> node 127.0.0.(10+i):1067) for the given
# total rate and seconds; prints "leases elapsed failures".
load() {
  local n=$1 rate=$2 secs=$3 seed=$4 i per clients pids=() leases=0 failures=0 elapsed=0 line
  per=$(awk -v r="$rate" -v n="$n" 'BEGIN { printf "%.1f", r / n }')
  clients=$(awk -v p="$per" -v s="$secs" 'BEGIN { printf "%d", p * s }')
  for i in $(seq 1 "$n"); do
    java -Xmx256m -XX:+UseSerialGC -jar "$CLIENT_JAR" load v4 --clients "$clients" --rate "$per" \
      --relay "127.0.0.$((1 + i))" --server "127.0.0.$((10 + i))" --server-port 1067 \
      --duration $((secs + 30)) --seed "$((seed * 10 + i))" > "$STATE/load-$i.out" 2>/dev/null &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || true; done
  for i in $(seq 1 "$n"); do
    line=$(grep '"event":"summary"' "$STATE/load-$i.out" || echo '{}')
    leases=$((leases + $(sed -n 's/.*"bound":\([0-9]*\).*/\1/p' <<<"$line" | head -1)))
    failures=$((failures + $(sed -n 's/.*"failures":\([0-9]*\).*/\1/p' <<<"$line" | head -1)))
    elapsed=$(awk -v a="$elapsed" -v b="$(sed -n 's/.*"elapsed":\([0-9.]*\).*/\1/p' <<<"$line" | head -1)" 'BEGIN { print (b > a ? b : a) }')
  done
  echo "$leases $elapsed $failures"
}

{
  echo "# scale-out: relayed DHCPv4 DORA of new clients, one PostgreSQL (embedded binaries, on this machine)"
  echo "# $(date -u +%FT%TZ) $(nproc) cores; offered rate split evenly over the nodes; ${SECONDS_PER_STEP} s per step after a 5 s warm-up"
  printf '%-6s %-9s %-10s %-9s %-12s %-12s %-12s\n' nodes offered/s leases/s failures node-cpu-s pg-cpu-s cpu-s/1000
} | tee "$REPORT"

step=0
for n in 1 2 3; do
  log "starting $n node(s)"
  STATE=$STATE/cluster DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" DB_USER=postgres DB_PASSWORD=postgres \
    NODE_CMD="java -Xmx512m -XX:+UseParallelGC -jar $NODE_JAR" "$REPO/deploy/cluster/local-cluster.sh" start "$n" > "$STATE/cluster-$n.log" 2>&1
  node_pids=()
  for i in $(seq 1 "$n"); do node_pids+=("$(cat "$STATE/cluster/node-$i/pid")"); done
  for rate in $RATES; do
    step=$((step + 1))
    log "$n node(s), $rate/s: warm-up"
    load "$n" "$rate" 5 "$((step * 2))" > /dev/null
    node_before=$(cpu_seconds "${node_pids[@]}"); pg_before=$(cpu_seconds "$PG_PID")
    log "$n node(s), $rate/s: measuring ${SECONDS_PER_STEP} s"
    read -r leases elapsed failures < <(load "$n" "$rate" "$SECONDS_PER_STEP" "$((step * 2 + 1))")
    node_after=$(cpu_seconds "${node_pids[@]}"); pg_after=$(cpu_seconds "$PG_PID")
    awk -v n="$n" -v r="$rate" -v l="$leases" -v e="$elapsed" -v f="$failures" \
        -v nb="$node_before" -v na="$node_after" -v pb="$pg_before" -v pa="$pg_after" 'BEGIN {
      nc = na - nb; pc = pa - pb; rate = (e > 0 ? l / e : 0); per = (l > 0 ? (nc + pc) * 1000 / l : 0)
      printf "%-6d %-9d %-10.0f %-9d %-12.2f %-12.2f %-12.2f\n", n, r, rate, f, nc, pc, per }' | tee -a "$REPORT"
  done
  STATE=$STATE/cluster "$REPO/deploy/cluster/local-cluster.sh" stop > /dev/null 2>&1
done
log "report: $REPORT"
