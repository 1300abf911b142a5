#!/usr/bin/env bash
# deploy/bench/cold-start.sh node|cluster|rolling
#
# What clients see when the servers are new or restarting (DHCPv4, relayed, real RFC 2131
# clients from our load generator, client/target/dhcp-client.jar load):
#
#   node     a fresh node (empty database, no warm-up) in the shared bench kit's kbsrv, set up as
#            node-ctl.sh does (its own Debian PostgreSQL). The load generator, already warmed up
#            and listening in kbrly, is released the moment GET /ready (management port 8067)
#            answers 200, and offers RATE new clients/s for DURATION s.
#   cluster  the same against a fresh 3-node cluster (deploy/cluster/netns-cluster.sh up 3: one
#            LAN of namespaces, PostgreSQL in its own), released when all three are ready. The
#            relay namespace sends every message to all three nodes, as dhcrelay does with
#            several servers (giaddr 198.51.100.1, a 198.18.0.0/15 pool selected by it).
#   rolling  a warm 3-node cluster (WARM_CLIENTS new clients served first, then POPULATION
#            clients bound, neither measured) under NEW_RATE new clients/s plus RENEW_RATE
#            renewals/s from that population, sent to every node; after 10 s each node in turn is stopped (SIGTERM, netns-cluster.sh stop
#            i), started again and waited for until ready (start i), then GAP s pass. Target:
#            0 failed exchanges. Also counts DHCPNAKs and duplicate answers (a second answer to
#            one transmission).
#
# Printed: the curve second by second (offered, leased, renewals, renewed, NAKs, failed,
# duplicates, p50/p99 of the exchanges that completed in that second; failures are counted in
# the second the client or renewal was offered), clients that failed (no lease GIVE_UP s after
# they began, default 28 = RFC 2131's retransmission waits 4 + 8 + 16 s; a renewal: no answer in
# GIVE_UP s), p99 of the exchanges completed after the first SETTLE s (default 10), how long
# from process start to ready, and for rolling the restart times on the curve's time axis.
#
# Env: RATE (default 1000, about half a warm node's maximum on a 2-core machine), DURATION
#      (default 60; rolling: 120), GIVE_UP, SETTLE, NEW_RATE (300), RENEW_RATE (100),
#      POPULATION (3000), WARM_CLIENTS (6000), GAP (10), LOAD_CPU (the load generator's CPU,
#      default 0), BENCH_DIR (default ../shared/bench next to this repository), STATE (cluster state,
#      default /tmp/dhcp-bench-cluster; never another run's).
# Needs root, iproute2, curl, python3, Java 17, the jars built (mvn -q -B -DskipTests package);
# node also Debian's postgresql and the bench kit. Only documentation addresses are used.
# Output: deploy/bench/results/cold-start-<mode>-<date>.txt (summary, curve, raw output).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-$(cd "$REPO/.." && pwd)/shared/bench}
MODE=${1:-}
[[ $MODE =~ ^(node|cluster|rolling)$ ]] || { sed -n '2,36p' "$0"; exit 2; }
RATE=${RATE:-1000}
DURATION=${DURATION:-$([[ $MODE == rolling ]] && echo 120 || echo 60)}
GIVE_UP=${GIVE_UP:-28}
SETTLE=${SETTLE:-10}
NEW_RATE=${NEW_RATE:-300}
RENEW_RATE=${RENEW_RATE:-100}
POPULATION=${POPULATION:-3000}
WARM_CLIENTS=${WARM_CLIENTS:-6000}
GAP=${GAP:-10}
LOAD_CPU=${LOAD_CPU:-0}
export STATE=${STATE:-/tmp/dhcp-bench-cluster}
CLIENT_JAR=$REPO/client/target/dhcp-client.jar
NODE_JAR=$REPO/node/target/dhcp-node.jar
CLUSTER=$REPO/deploy/cluster/netns-cluster.sh
W=/tmp/dhcp-bench-cold-start
OUT=$HERE/results/cold-start-$MODE-$(date +%Y%m%d-%H%M%S).txt
LOAD_PID= RESET_PID= UP_PID=

[[ $EUID == 0 ]] || { echo "run as root (network namespaces, port 67)" >&2; exit 2; }
[[ -f $CLIENT_JAR && -f $NODE_JAR ]] || { echo "build first: (cd $REPO && mvn -q -B -DskipTests package)" >&2; exit 2; }
for v in RATE DURATION GIVE_UP SETTLE NEW_RATE RENEW_RATE POPULATION WARM_CLIENTS GAP; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -gt 0 ]] || { echo "$v must be a positive integer" >&2; exit 2; }
done
rm -rf "$W"; mkdir -p "$W" "$HERE/results"

log() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "$OUT"; }
now_ms() { date +%s%3N; }

cleanup() {
  local p
  for p in $LOAD_PID $RESET_PID $UP_PID; do kill "$p" 2>/dev/null || true; done
  if [[ $MODE == node ]]; then
    "$HERE/node-ctl.sh" stop || true
    "$HERE/node-ctl.sh" pg-stop || true
    (cd "$BENCH_DIR" && ./netns.sh down >/dev/null 2>&1 || true)
  else
    "$CLUSTER" down 2>/dev/null || true
  fi
}
trap cleanup EXIT

# Wall-clock ms at which process PID was created. /proc/PID/stat counts from the host's boot
# while /proc/uptime may be a container's own: compare with a process created just now instead.
proc_start_ms() {
  local ticks ref now
  ticks=$(sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $20 }')
  now=$(now_ms); ref=$(sh -c 'sed "s/^.*) //" /proc/$$/stat' | awk '{ print $20 }')
  awk -v t="$ticks" -v r="$ref" -v hz="$(getconf CLK_TCK)" -v now="$now" 'BEGIN { printf "%.0f", now - (r - t) * 1000 / hz }'
}

seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1000 }'; }

# load NS ARGS...: the load generator in namespace NS, in the background; output in $W/load.{out,err}
load() {
  local ns=$1; shift
  ip netns exec "$ns" taskset -c "$LOAD_CPU" java -Xms512m -Xmx1g -XX:+UseParallelGC -jar "$CLIENT_JAR" load v4 \
    --seed 11 --give-up "$GIVE_UP" --settle "$SETTLE" --per-second "$@" > "$W/load.out" 2> "$W/load.err" &
  LOAD_PID=$!
}

wait_for_line() { # file pattern seconds: the load generator printed it
  local i
  for i in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    kill -0 "$LOAD_PID" 2>/dev/null || { tail -20 "$W/load.err" >&2; log "the load generator exited"; exit 1; }
    sleep 0.1
  done
  log "no '$2' from the load generator within $3 s"; exit 1
}

finish_load() {
  wait "$LOAD_PID" || true      # exit 1 only says something failed: the report says what
  LOAD_PID=
  grep -q '"event":"measured"' "$W/load.out" || { tail -20 "$W/load.err" >&2; log "no result"; exit 1; }
}

report() { # title
  local r=$HERE/load-report.py
  {
    echo
    echo "== $1"
    grep -E '^(new clients|renewals|renewal rate|exchanges completed after|duplicate answers)' "$W/load.out" | sed 's/^/   /'
    read -r failed rfailed naks dups p99 < <("$r" get "$W/load.out" lease-failed renewals-failed naks duplicates settled-ms.p99)
    echo "   failed: $failed new clients (no lease within $GIVE_UP s), $rfailed renewals (no answer within $GIVE_UP s)"
    echo "   p99 of exchanges completed after the first $SETTLE s: $p99 ms; DHCPNAKs $naks; duplicate answers $dups"
    echo
    echo "== per second (t = seconds since the load began)"
    "$r" curve "$W/load.out"
    echo
    echo "== raw load-generator output"
    cat "$W/load.err"
    grep -v '"event":"second"' "$W/load.out"
  } | tee -a "$OUT"
}

# --- node -------------------------------------------------------------------------------------

node_ready() { [[ $(ip netns exec kbsrv curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:8067/ready 2>/dev/null) == 200 ]]; }

run_node() {
  [[ -x $BENCH_DIR/netns.sh ]] || { echo "bench kit not found at $BENCH_DIR (set BENCH_DIR)" >&2; exit 2; }
  if ip netns list | awk '{print $1}' | grep -qx kbsrv; then
    echo "namespace kbsrv exists: another bench run is using the kit (or run $BENCH_DIR/netns.sh down)" >&2; exit 2
  fi
  log "== cold start of one node: $RATE new clients/s for $DURATION s from the moment it is ready ($(nproc) CPUs; $(uptime | sed 's/.*load/load/'))"
  (cd "$BENCH_DIR" && ./netns.sh up >/dev/null)
  "$HERE/node-ctl.sh" pg-start
  load kbrly --clients $((RATE * DURATION)) --rate "$RATE" --relay 198.51.100.2 --server 198.51.100.1 \
    --start-when "$W/go" --duration $((DURATION + GIVE_UP + 30))
  wait_for_line "$W/load.err" "^waiting for" 120
  log "load generator warmed up and waiting; starting the node (empty database, no warm-up)"
  rm -f /tmp/kb/node/node.pid
  WARMUP=0 FAMILY=v4 "$HERE/node-ctl.sh" reset > "$W/node-ctl.log" 2>&1 &
  RESET_PID=$!
  local pid= started ready i
  for i in $(seq 1 600); do
    pid=$(cat /tmp/kb/node/node.pid 2>/dev/null || true)
    [[ -n $pid ]] && break
    sleep 0.05
  done
  [[ -n $pid ]] || { log "the node did not start"; cat "$W/node-ctl.log" >&2; exit 1; }
  started=$(proc_start_ms "$pid")
  for i in $(seq 1 3000); do
    node_ready && break
    kill -0 "$pid" 2>/dev/null || { log "the node exited"; tail -20 /tmp/kb/node/node.log >&2; exit 1; }
    sleep 0.05
  done
  node_ready || { log "the node was not ready within 150 s"; exit 1; }
  ready=$(now_ms)
  touch "$W/go"
  log "node ready $(seconds_between "$started" "$ready") s after its process started; load released"
  wait "$RESET_PID" || true; RESET_PID=
  finish_load
  log "first offer $(seconds_between "$ready" "$("$HERE/load-report.py" get "$W/load.out" start-epoch-ms)") s after ready"
  report "cold start, one node: process start to ready $(seconds_between "$started" "$ready") s"
}

# --- cluster ----------------------------------------------------------------------------------

# The cluster script's own configuration gives relayed clients 235 addresses; the benchmark
# needs tens of thousands: a node.conf written before 'up' is used as it is.
write_cluster_config() { # i
  mkdir -p "$STATE/node-$1"
  cat > "$STATE/node-$1/node.conf" <<CONF
dhcp {
  management { host = "127.0.0.1", port = 8067, token-file = "$STATE/management-token" }
  cluster { host = "192.0.2.$((10 + $1))", port = 25520, seed-nodes = ["192.0.2.11:25520", "192.0.2.12:25520"] }
  database { url = "jdbc:postgresql://192.0.2.5:5432/postgres", user = "postgres", password = "postgres", pool-size = 4 }
  v4 {
    listen { port = 67, interfaces = ["eth0"] }
    service-address = "192.0.2.1"
    lease-time = 1h
    subnets = [
      { id = 1, subnet = "192.0.2.0/24", interface = "eth0", pools = ["192.0.2.100 - 192.0.2.250"],
        options { routers = "192.0.2.1" } },
      # the relay namespace's giaddr selects the load pool
      { id = 2, subnet = "198.18.0.0/15", relay-addresses = ["198.51.100.1"], pools = ["198.18.0.10 - 198.19.255.250"],
        options { routers = "198.18.0.1" } }
    ]
  }
}
CONF
}

cluster_ready() { [[ $(ip netns exec "$("$CLUSTER" ns "$1")" curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:8067/ready 2>/dev/null) == 200 ]]; }

fresh_cluster_state() {
  [[ -f $STATE/prefix ]] && "$CLUSTER" down 2>/dev/null   # a cluster this script left behind
  rm -rf "$STATE"; mkdir -p "$STATE"
  local i; for i in 1 2 3; do write_cluster_config "$i"; done
}

run_cluster() {
  log "== cold start of a 3-node cluster: $RATE new clients/s for $DURATION s to every node from the moment all are ready ($(nproc) CPUs; $(uptime | sed 's/.*load/load/'))"
  fresh_cluster_state
  "$CLUSTER" up 3 2> "$W/cluster.log" &
  UP_PID=$!
  local i relay= t_up
  t_up=$(now_ms)
  for i in $(seq 1 600); do   # the relay namespace exists before PostgreSQL and the nodes start
    relay=$("$CLUSTER" ns relay 2>/dev/null || true)
    [[ -n $relay ]] && ip -n "$relay" addr show dev down0 2>/dev/null | grep -q 198.51.100.1 && break
    relay=; sleep 0.1
  done
  [[ -n $relay ]] || { log "no relay namespace"; cat "$W/cluster.log" >&2; exit 1; }
  load "$relay" --clients $((RATE * DURATION)) --rate "$RATE" --relay 198.51.100.1 --server 192.0.2.11,192.0.2.12,192.0.2.13 \
    --start-when "$W/go" --duration $((DURATION + GIVE_UP + 30))
  local started=() readies=() all=0 pid up_done=0
  while ((all < 3)); do
    if ((!up_done)) && ! kill -0 "$UP_PID" 2>/dev/null; then
      wait "$UP_PID" || { log "netns-cluster.sh up failed"; tail -20 "$W/cluster.log" >&2; exit 1; }
      up_done=1
    fi
    for i in 1 2 3; do
      [[ -z ${started[$i]:-} ]] && pid=$(cat "$STATE/node-$i/pid" 2>/dev/null || true) && [[ -n $pid ]] && started[$i]=$(proc_start_ms "$pid")
      if [[ -n ${started[$i]:-} && -z ${readies[$i]:-} ]] && cluster_ready "$i"; then readies[$i]=$(now_ms); all=$((all + 1)); fi
    done
    (( $(now_ms) - t_up < 300000 )) || { log "the cluster was not ready within 300 s"; exit 1; }
    sleep 0.05
  done
  wait_for_line "$W/load.err" "^waiting for" 60
  touch "$W/go"
  local last_ready
  last_ready=$(printf '%s\n' "${readies[@]}" | sort -n | tail -1)
  log "cluster ready (all three nodes): load released"
  for i in 1 2 3; do log "   node $i: ready $(seconds_between "${started[$i]}" "${readies[$i]}") s after its process started"; done
  log "   from node 1's process start to the whole cluster ready: $(seconds_between "${started[1]}" "$last_ready") s"
  ((up_done)) || wait "$UP_PID" || true
  UP_PID=
  finish_load
  log "first offer $(seconds_between "$last_ready" "$("$HERE/load-report.py" get "$W/load.out" start-epoch-ms)") s after the last node was ready"
  report "cold start, 3-node cluster (relay to every node): node 1 start to all ready $(seconds_between "${started[1]}" "$last_ready") s"
}

# --- rolling ----------------------------------------------------------------------------------

run_rolling() {
  log "== rolling restart of a warm 3-node cluster under $NEW_RATE new clients/s + $RENEW_RATE renewals/s to every node ($(nproc) CPUs; $(uptime | sed 's/.*load/load/'))"
  fresh_cluster_state
  "$CLUSTER" up 3 2> "$W/cluster.log" || { tail -20 "$W/cluster.log" >&2; exit 1; }
  local relay t0 i t
  relay=$("$CLUSTER" ns relay)
  # A fresh cluster allocates its shards on first use and compiles its code: warm it with clients
  # the measurement does not use (another MAC space), and wait until they are served.
  log "warming the cluster: $WARM_CLIENTS new clients at $NEW_RATE/s (not measured)"
  ip netns exec "$relay" taskset -c "$LOAD_CPU" java -Xmx512m -XX:+UseParallelGC -jar "$CLIENT_JAR" load v4 --seed 12 \
    --clients "$WARM_CLIENTS" --rate "$NEW_RATE" --relay 198.51.100.1 --server 192.0.2.11,192.0.2.12,192.0.2.13 \
    --duration $((WARM_CLIENTS / NEW_RATE + 120)) > "$W/warm.out" 2> "$W/warm.err" || true
  log "   $(grep '^new clients' "$W/warm.out" || echo 'warm-up: no report')"
  load "$relay" --population "$POPULATION" --population-rate "$NEW_RATE" --clients $((NEW_RATE * DURATION)) --rate "$NEW_RATE" \
    --renewals $((RENEW_RATE * DURATION)) --renew-rate "$RENEW_RATE" --relay 198.51.100.1 \
    --server 192.0.2.11,192.0.2.12,192.0.2.13 --duration $((DURATION + GIVE_UP + 30))
  wait_for_line "$W/load.err" "^measured phase started" $((POPULATION / NEW_RATE + GIVE_UP + 120))
  t0=$(sed -n 's/^measured phase started epoch-ms=//p' "$W/load.err")
  log "warm: $(grep -o 'population [0-9]*/[0-9]*' "$W/load.err" | tail -1) bound; measured load running, first restart in 10 s"
  sleep 10
  : > "$W/timeline"
  local lost=
  for i in 1 2 3; do
    t=$(seconds_between "$t0" "$(now_ms)"); log "   t=$t s: node $i SIGTERM"; echo "node $i stop $t" >> "$W/timeline"
    "$CLUSTER" stop "$i" 2>> "$W/cluster.log"
    t=$(seconds_between "$t0" "$(now_ms)"); log "   t=$t s: node $i exited, starting"; echo "node $i exited $t" >> "$W/timeline"
    if ! "$CLUSTER" start "$i" 2>> "$W/cluster.log"; then
      # the load goes on: what the clients saw until then is still worth the report
      t=$(seconds_between "$t0" "$(now_ms)"); log "   t=$t s: node $i did not come back (see the cluster log below); restarts stopped"
      echo "node $i failed $t" >> "$W/timeline"; lost=$i
      break
    fi
    t=$(seconds_between "$t0" "$(now_ms)"); log "   t=$t s: node $i ready"; echo "node $i ready $t" >> "$W/timeline"
    sleep "$GAP"
  done
  t=$(seconds_between "$t0" "$(now_ms)")
  awk -v t="$t" -v d="$DURATION" 'BEGIN { exit !(t > d) }' &&
    log "WARNING: the restarts ended at t=$t s, after the offered load (DURATION=$DURATION s): raise DURATION"
  finish_load
  report "rolling restart under load: failed exchanges (target 0), NAKs, duplicate answers"
  { echo; echo "== restarts (t on the curve's axis)"; cat "$W/timeline"; } | tee -a "$OUT"
  if [[ -n $lost ]]; then
    { echo; echo "== netns-cluster.sh log, and the end of node $lost's log"; cat "$W/cluster.log"
      tail -40 "$STATE/node-$lost/node.log"; } >> "$OUT"
    log "node $lost did not come back: the rolling restart failed"
    exit 1
  fi
}

case $MODE in
  node) run_node ;;
  cluster) run_cluster ;;
  rolling) run_rolling ;;
esac
log "raw log: $OUT"
