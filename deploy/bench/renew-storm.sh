#!/usr/bin/env bash
# deploy/bench/renew-storm.sh v4|v6
#
# A renewal storm: CLIENTS bound clients (default 100,000) each renew once, spread evenly over
# WINDOW seconds (default 60, so 1,667 renewals/s), measured against
#   1. ISC Kea, memfile backend
#   2. ISC Kea, PostgreSQL backend
#   3. this node, leases journaled in PostgreSQL (deploy/bench/node-ctl.sh)
# in one run on this machine, in the same namespaces (the shared bench kit's kbsrv/kbrly: the
# load generator relays from kbrly, v4 with giaddr 198.51.100.2, v6 in RELAY-FORW with
# link-address 2001:db8:2::2).
#
# The tool is our load generator (client/target/dhcp-client.jar load), with real RFC 2131 /
# RFC 8415 clients: perfdhcp gives no percentiles. For each server:
#   phase 1, not measured: the CLIENTS clients are bound at BIND_RATE/s (default 800, below
#            every server's sustained rate on a 2-core machine; its line in the raw log says how
#            many got a lease, and only those renew)
#   phase 2, the storm: the same client identities renew (v4: DHCPREQUEST in RENEWING with
#            ciaddr; v6: RENEW), one every WINDOW/CLIENTS s, each as if its T1 had come.
# Reported per server: sustained renewals/s (renewals acknowledged, divided by the time from
# the first renewal sent to the last one answered), p50/p90/p99 renewal latency (first
# transmission to the answer), and failures: renewals still unanswered GIVE_UP s (default 28)
# after they began. A v4 client in RENEWING retransmits only after half the time left to T2,
# at least 60 s (RFC 2131 4.4.5), so within GIVE_UP a lost v4 renewal has no second chance; a v6
# RENEW is retransmitted after about 10 and 30 s (RFC 8415 REN_TIMEOUT 10 s, doubling).
#
# Same machine, same load: the load generator on LOAD_CPU (default 0, as perfdhcp in the kit);
# Kea 2.2 single-threaded pinned to CPU 1 by kea.sh; the node unpinned (NODE_CPU=1 pins it like
# Kea) and warmed up by node-ctl.sh reset; both PostgreSQL servers are Debian's, default settings.
# Kea starts from an empty lease database (kea.sh start), the node too (node-ctl.sh reset).
#
#   CLIENTS=10000 WINDOW=20 deploy/bench/renew-storm.sh v4     # a short run
#
# Env: CLIENTS, WINDOW, BIND_RATE, GIVE_UP, SERVERS (default "kea-memfile kea-postgres node"),
#      LOAD_CPU, NODE_CPU, BENCH_DIR (default ../shared/bench next to this repository).
# Needs root and: kea-dhcp4-server kea-dhcp6-server kea-admin postgresql iproute2 python3, Java 17,
# and the jars built: mvn -q -B -DskipTests package
# Output: a table, ratios, and every server's raw load-generator output in
#         deploy/bench/results/renew-storm-<family>-<date>.txt
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-$(cd "$REPO/.." && pwd)/shared/bench}
FAM=${1:-}
[[ $FAM == v4 || $FAM == v6 ]] || { sed -n '2,39p' "$0"; exit 2; }
CLIENTS=${CLIENTS:-100000}
WINDOW=${WINDOW:-60}
BIND_RATE=${BIND_RATE:-800}
GIVE_UP=${GIVE_UP:-28}
SERVERS=${SERVERS:-kea-memfile kea-postgres node}
LOAD_CPU=${LOAD_CPU:-0}
if [[ $FAM == v4 ]]; then RELAY=198.51.100.2 TARGET=198.51.100.1; else RELAY=2001:db8:2::2 TARGET=2001:db8:2::1; fi
CLIENT_JAR=$REPO/client/target/dhcp-client.jar
NODE_JAR=$REPO/node/target/dhcp-node.jar
W=/tmp/kb/renew-storm
OUT=$HERE/results/renew-storm-$FAM-$(date +%Y%m%d-%H%M%S).txt
export FAMILY=$FAM

[[ $EUID == 0 ]] || { echo "run as root (network namespaces, ports 67 and 547)" >&2; exit 2; }
[[ -x $BENCH_DIR/kea.sh ]] || { echo "bench kit not found at $BENCH_DIR (set BENCH_DIR)" >&2; exit 2; }
[[ -f $CLIENT_JAR && -f $NODE_JAR ]] || { echo "build first: (cd $REPO && mvn -q -B -DskipTests package)" >&2; exit 2; }
[[ $CLIENTS =~ ^[0-9]+$ && $WINDOW =~ ^[0-9]+$ && $CLIENTS -gt 0 && $WINDOW -gt 0 ]] || { echo "CLIENTS and WINDOW are positive integers" >&2; exit 2; }
# netns.sh up would tear down a bench someone else is running in the same namespaces
if ip netns list | awk '{print $1}' | grep -qx kbsrv; then
  echo "namespace kbsrv exists: another bench run is using the kit (or run $BENCH_DIR/netns.sh down)" >&2; exit 2
fi
mkdir -p "$W" "$HERE/results"
RENEW_RATE=$(awk -v c="$CLIENTS" -v w="$WINDOW" 'BEGIN { printf "%.3f", c / w }')
PG_MAIN_WAS_ONLINE=$(pg_lsclusters -h 2>/dev/null | awk '$1 == 15 && $2 == "main" { print $4 }')
LOAD_PID=

log() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "$OUT"; }

cleanup() {
  [[ -n $LOAD_PID ]] && kill "$LOAD_PID" 2>/dev/null || true
  "$HERE/node-ctl.sh" stop || true
  "$HERE/node-ctl.sh" pg-stop || true
  (cd "$BENCH_DIR" && ./kea.sh stop "$FAM" >/dev/null 2>&1 || true)
  (cd "$BENCH_DIR" && ./netns.sh down >/dev/null 2>&1 || true)
  # kea.sh starts Debian's main cluster for Kea's PostgreSQL backend: stop it if we started it
  if [[ $PG_MAIN_WAS_ONLINE != online ]] && pg_lsclusters -h 2>/dev/null | awk '$1 == 15 && $2 == "main" { print $4 }' | grep -q online; then
    pg_ctlcluster 15 main stop || true
  fi
}
trap cleanup EXIT

# storm SERVER: phase 1 and 2 against whatever serves in kbsrv now; raw output in $W/SERVER.out
storm() {
  local name=$1
  log "-- $name: binding $CLIENTS clients at $BIND_RATE/s, then $CLIENTS renewals at $RENEW_RATE/s"
  ip netns exec kbrly taskset -c "$LOAD_CPU" java -Xms1g -Xmx2g -XX:+UseParallelGC -jar "$CLIENT_JAR" load "$FAM" \
    --clients 0 --population "$CLIENTS" --population-rate "$BIND_RATE" --renew-rate "$RENEW_RATE" \
    --relay "$RELAY" --server "$TARGET" --seed 7 --give-up "$GIVE_UP" --per-second \
    --duration $((WINDOW + GIVE_UP + 30)) > "$W/$name.out" 2> "$W/$name.err" &
  LOAD_PID=$!
  wait "$LOAD_PID" || true      # exit 1 only says that some renewal failed: the figures say how many
  LOAD_PID=
  grep -q '"event":"measured"' "$W/$name.out" || { tail -20 "$W/$name.err" >&2; log "$name: no result"; exit 1; }
  log "   $(grep '^population:' "$W/$name.out")"
  log "   $(grep '^renewal rate' "$W/$name.out")"
}

log "== renewal storm, $FAM: $CLIENTS clients renew once within $WINDOW s ($(nproc) CPUs; $(uptime | sed 's/.*load/load/'))"
(cd "$BENCH_DIR" && ./netns.sh up >/dev/null)
for s in $SERVERS; do
  case $s in
    kea-memfile) (cd "$BENCH_DIR" && ./kea.sh start "$FAM" memfile >/dev/null); storm kea-memfile
                 (cd "$BENCH_DIR" && ./kea.sh stop "$FAM" >/dev/null) ;;
    kea-postgres) (cd "$BENCH_DIR" && ./kea.sh start "$FAM" postgres >/dev/null); storm kea-postgres
                  (cd "$BENCH_DIR" && ./kea.sh stop "$FAM" >/dev/null) ;;
    node) log "-- node: PostgreSQL, empty database, start and warm-up (node-ctl.sh reset)"
          "$HERE/node-ctl.sh" pg-start
          "$HERE/node-ctl.sh" reset
          storm node
          "$HERE/node-ctl.sh" stop ;;
    *) echo "unknown server '$s' (kea-memfile kea-postgres node)" >&2; exit 2 ;;
  esac
done

row() { # name: one table row from the measured line
  local f=$W/$1.out
  read -r bound acked naked failed rate p50 p90 p99 < <("$HERE/load-report.py" get "$f" population-bound renewals-acked \
    renewals-naked renewals-failed renewal-rate renewal-ms.p50 renewal-ms.p90 renewal-ms.p99)
  printf '%-14s %9s %9s %6s %8s %12s %9s %9s %9s\n' "$1" "$bound" "$acked" "$naked" "$failed" "$rate" "$p50" "$p90" "$p99"
}
{
  echo
  echo "== results: $FAM, $CLIENTS clients, window $WINDOW s (offered $RENEW_RATE renewals/s), failure = no answer within $GIVE_UP s"
  printf '%-14s %9s %9s %6s %8s %12s %9s %9s %9s\n' server bound renewed naks failed renewals/s "p50 ms" "p90 ms" "p99 ms"
  for s in $SERVERS; do row "$s"; done
} | tee -a "$OUT"
if [[ " $SERVERS " == *" node "* ]]; then
  nd=$("$HERE/load-report.py" get "$W/node.out" renewal-rate renewal-ms.p99)
  for k in kea-memfile kea-postgres; do
    [[ " $SERVERS " == *" $k "* ]] || continue
    kv=$("$HERE/load-report.py" get "$W/$k.out" renewal-rate renewal-ms.p99)
    awk -v n="$nd" -v k="$kv" -v name="$k" 'BEGIN { split(n, a, " "); split(k, b, " ")
      printf "   node / %-13s renewals/s %.2f   p99 latency %s\n", name, (b[1] > 0 ? a[1] / b[1] : 0),
             (b[2] > 0 && a[2] != "-" ? sprintf("%.2f", a[2] / b[2]) : "-") }' | tee -a "$OUT"
  done
fi
{
  echo
  echo "== raw load-generator output per server (progress on stderr, then the report)"
  for s in $SERVERS; do
    echo "--- $s: stderr"; cat "$W/$s.err"
    echo "--- $s: report"; grep -v '"event":"second"' "$W/$s.out"
    echo "--- $s: per second of the storm"; "$HERE/load-report.py" curve "$W/$s.out"
  done
} >> "$OUT"
log "raw log: $OUT"
