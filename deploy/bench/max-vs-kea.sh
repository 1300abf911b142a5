#!/usr/bin/env bash
# deploy/bench/max-vs-kea.sh v4|v6 [STEP_SECONDS]
#
# Maximum leases/s, measured with perfdhcp (v4: full DORA; v6: SOLICIT-ADVERTISE-REQUEST-REPLY
# with IA_NA; both on the relay path, v6 as RELAY-FORW with -A1) against
#   1. ISC Kea, memfile backend          (Kea's fastest; leases in a CSV file)
#   2. ISC Kea, PostgreSQL backend
#   3. this node, leases journaled in PostgreSQL (durable before every ACK)
# in one run on this machine, and prints the node's ratio to each. Uses the shared
# bench kit (BENCH_DIR, default ../shared/bench next to this repository): its netns
# topology (kbsrv/kbcli/kbrly), kea.sh, and perfdhcp-max.sh's search (drops < 1 % and
# >= 95 % of the offered rate, STEP_SECONDS per step, doubling then bisection).
#
# Same machine, same load: perfdhcp on CPU 0 (perfdhcp-load.sh); Kea 2.2 single-threaded
# (its default) pinned to CPU 1 by kea.sh; the node is multi-threaded and runs unpinned
# (NODE_CPU=1 pins it like Kea); both PostgreSQL servers are Debian's PostgreSQL 15 with
# default settings (synchronous_commit=on, fsync=on), unpinned.
# Kea starts every step from an empty lease database (kea.sh start), as in the shared
# baseline. The node is started once on an empty database and warmed up (a JVM restarted
# before each 5 s step would measure its JIT compiler, not a server that runs for days);
# its steps then draw new clients at random from perfdhcp-load.sh's 1,000,000-client space,
# so a few percent of a later step's clients already hold a lease from an earlier step.
#
# Needs root and: kea-dhcp4-server kea-dhcp6-server kea-admin postgresql iproute2 (see
# BENCH_DIR/README.md), Java 17, and the node built: mvn -q -DskipTests package
# Output: a table and one line per server in deploy/bench/results/<family>-<date>.txt
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-$(cd "$REPO/.." && pwd)/shared/bench}
FAM=${1:-}
[[ $FAM == v4 || $FAM == v6 ]] || { sed -n '2,4p' "$0"; exit 2; }
STEP=${2:-5}
if [[ $FAM == v4 ]]; then TARGET=198.51.100.1; else TARGET=2001:db8:2::1; fi
export FAMILY=$FAM
JAR=$REPO/node/target/dhcp-node.jar
W=/tmp/kb/node
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
OUT=$HERE/results/$FAM-$(date +%Y%m%d-%H%M%S).txt

[[ $EUID == 0 ]] || { echo "run as root (network namespaces, ports 67 and 547)" >&2; exit 2; }
[[ -x $BENCH_DIR/perfdhcp-max.sh ]] || { echo "bench kit not found at $BENCH_DIR (set BENCH_DIR)" >&2; exit 2; }
[[ -f $JAR ]] || { echo "build first: (cd $REPO && mvn -q -DskipTests package)" >&2; exit 2; }
mkdir -p "$W" "$HERE/results"

log() { printf '%s %s\n' "$(date +%T)" "$*" | tee -a "$OUT"; }

cleanup() {
  "$HERE/node-ctl.sh" stop || true
  "$HERE/node-ctl.sh" pg-stop || true
  (cd "$BENCH_DIR" && ./kea.sh stop $FAM >/dev/null 2>&1 || true)
  (cd "$BENCH_DIR" && ./netns.sh down >/dev/null 2>&1 || true)
}
trap cleanup EXIT

max_of() { sed -n 's/^max_rate=\([0-9]*\).*/\1/p' "$1" | tail -1; }

log "== dhcp-cluster $FAM max leases/s vs ISC Kea ($(nproc) CPUs, step ${STEP}s)"
(cd "$BENCH_DIR" && ./netns.sh up >/dev/null)

log "-- Kea memfile"
(cd "$BENCH_DIR" && RESET_CMD="./kea.sh start $FAM memfile" ./perfdhcp-max.sh $FAM $TARGET "$STEP") | tee "$W/kea-memfile.txt" | tee -a "$OUT"
log "-- Kea PostgreSQL"
(cd "$BENCH_DIR" && RESET_CMD="./kea.sh start $FAM postgres" ./perfdhcp-max.sh $FAM $TARGET "$STEP") | tee "$W/kea-postgres.txt" | tee -a "$OUT"
(cd "$BENCH_DIR" && ./kea.sh stop $FAM >/dev/null)

log "-- dhcp-cluster node (journal in PostgreSQL $(basename "$(dirname "$PG_BIN")"))"
"$HERE/node-ctl.sh" pg-start
"$HERE/node-ctl.sh" reset
(cd "$BENCH_DIR" && RESET_CMD="" ./perfdhcp-max.sh $FAM $TARGET "$STEP") | tee "$W/node.txt" | tee -a "$OUT"
"$HERE/node-ctl.sh" stop

km=$(max_of "$W/kea-memfile.txt"); kp=$(max_of "$W/kea-postgres.txt"); nd=$(max_of "$W/node.txt")
log "== results (max sustained leases/s, perfdhcp criterion: drops < 1 %, >= 95 % of offered)"
log "   Kea memfile:     $km"
log "   Kea PostgreSQL:  $kp"
log "   node (Postgres): $nd"
awk -v n="$nd" -v m="$km" -v p="$kp" 'BEGIN {
  printf "   ratio node / Kea memfile    = %.2f  (target >= 1.0)\n", (m > 0 ? n / m : 0)
  printf "   ratio node / Kea PostgreSQL = %.2f  (target >= 5.0)\n", (p > 0 ? n / p : 0) }' | tee -a "$OUT"
log "raw log: $OUT"
