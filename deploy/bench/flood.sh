#!/usr/bin/env bash
# deploy/bench/flood.sh
#
# A DISCOVER flood from one relay while real clients arrive through another, both relays in
# front of the same subnet and pool (198.18.0.0/18, pool of 16,113 addresses):
#   real clients: perfdhcp, full DORA, REAL_RATE new clients/s (default 200) for SECONDS (60),
#                 relayed from 198.51.100.2;
#   flood:        perfdhcp -i (DISCOVER/OFFER only, never a REQUEST), a new random MAC each time,
#                 at FLOOD_RATE/s (default 24,000: 10x the node's measured maximum of ~2,400
#                 leases/s; perfdhcp sends what this machine lets it), relayed from 198.51.100.3.
# The node (deploy/bench/node-ctl.sh, journal in PostgreSQL) runs with the admission limits a
# site would set: ADMISSION (default "per-source { rate = 500, burst = 1000 }").
# Reported: the share of real clients that got a lease (perfdhcp's RA exchanges over its DO),
# the flood's DISCOVERs sent, the node's drops by reason and silences by reason (from
# /metrics), whether the pool ran out (pool_exhausted silences), and whether the node stayed up.
#
# Env: REAL_RATE, FLOOD_RATE, DURATION, ADMISSION, BENCH_DIR (default ../shared/bench).
# Needs root, the bench kit's namespaces (it runs netns.sh up), perfdhcp, Debian's PostgreSQL,
# and the jars built: mvn -q -B -DskipTests package
# Output: deploy/bench/results/flood-<date>.txt
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-$REPO/../shared/bench}
REAL_RATE=${REAL_RATE:-200}
FLOOD_RATE=${FLOOD_RATE:-24000}
SECONDS_=${DURATION:-60}
ADMISSION=${ADMISSION:-per-source { rate = 500, burst = 1000 }}
OUT=$REPO/deploy/bench/results/flood-$(date +%Y%m%d-%H%M%S).txt
W=/tmp/kb/flood
mkdir -p "$W" "$(dirname "$OUT")"

log() { printf '%s flood: %s\n' "$(date +%T)" "$*" >&2; }
metric() { # name reason: the counter's value on the node, 0 when absent
  ip netns exec kbsrv curl -s --max-time 5 http://127.0.0.1:8067/metrics \
    | awk -v n="$1" -v r="reason=\"$2\"" 'index($0, n "{") == 1 && index($0, r) { v = $NF } END { print v + 0 }'
}

cleanup() {
  [[ -n ${FLOOD_PID:-} ]] && kill "$FLOOD_PID" 2>/dev/null || true
  ip netns exec kbrly ip addr del 198.51.100.3/24 dev kb-r0 2>/dev/null || true
  "$REPO/deploy/bench/node-ctl.sh" stop || true
  "$REPO/deploy/bench/node-ctl.sh" pg-stop || true
}
trap cleanup EXIT

cat > "$W/node.conf" <<CONF
dhcp {
  management { host = "127.0.0.1", port = 8067 }
  cluster { host = "127.0.0.1", port = 25520 }
  database { url = "jdbc:postgresql://127.0.0.1:5433/dhcp", user = "postgres", password = "unused", pool-size = 8 }
  admission { $ADMISSION }
  v4 {
    listen { port = 67, interfaces = ["kb-s0", "kb-s1"] }
    service-address = "198.51.100.1"
    lease-time = 3600
    subnets = [
      { id = 2, subnet = "198.18.0.0/18", relay-addresses = ["198.51.100.2", "198.51.100.3"],
        pools = ["198.18.0.10 - 198.18.63.250"], options { routers = "198.18.0.1" } }
    ]
  }
}
CONF

log "topology and PostgreSQL"
"$BENCH_DIR/netns.sh" up >/dev/null
ip netns exec kbrly ip addr add 198.51.100.3/24 dev kb-r0 2>/dev/null || true
"$REPO/deploy/bench/node-ctl.sh" pg-start
log "node (admission: $ADMISSION)"
NODE_CONF=$W/node.conf WARMUP=0 "$REPO/deploy/bench/node-ctl.sh" reset
NODE_PID=$(cat /tmp/kb/node/node.pid)

log "flood: ${FLOOD_RATE}/s DISCOVERs from 198.51.100.3 for $((SECONDS_ + 10)) s"
ip netns exec kbrly perfdhcp -4 -i -r "$FLOOD_RATE" -p $((SECONDS_ + 10)) -R 100000000 \
  -l 198.51.100.3 198.51.100.1 > "$W/flood.txt" 2>&1 &
FLOOD_PID=$!
sleep 5
log "real clients: ${REAL_RATE}/s DORA from 198.51.100.2 for $SECONDS_ s"
ip netns exec kbrly perfdhcp -4 -r "$REAL_RATE" -p "$SECONDS_" -R $((REAL_RATE * SECONDS_)) -b mac=02:77:00:00:00:00 \
  -l 198.51.100.2 198.51.100.1 > "$W/real.txt" 2>&1 || true
wait "$FLOOD_PID" || true
FLOOD_PID=

# perfdhcp's statistics: sent and received packets per exchange (DO, then RA)
sent() { awk '/sent packets:/ { print $3; exit }' "$1"; }
ra_received() { awk '/Statistics for: REQUEST-ACK/ { ra = 1 } ra && /received packets:/ { print $3; exit }' "$1"; }
do_sent=$(sent "$W/real.txt"); ra=$(ra_received "$W/real.txt")
share=$(python3 -c "print(f'{100.0 * ${ra:-0} / max(1, ${do_sent:-0}):.1f}')")
up=$(kill -0 "$NODE_PID" 2>/dev/null && echo yes || echo NO)
{
  echo "flood bench $(date -u +%FT%TZ) on $(nproc) cores: real ${REAL_RATE}/s for ${SECONDS_} s, flood target ${FLOOD_RATE}/s"
  echo "admission: $ADMISSION"
  echo "real clients: DISCOVERs sent ${do_sent:-?}, ACKs received ${ra:-?}: ${share} % got a lease"
  echo "flood: DISCOVERs sent $(sent "$W/flood.txt")"
  for r in rate_limited_source rate_limited_subnet shard_timeout; do
    echo "node dropped ($r): $(metric dhcp4_dropped_total "$r")"
  done
  for r in pool_exhausted partition_unavailable; do
    echo "node silent ($r): $(metric dhcp4_silent_total "$r")"
  done
  echo "node still up: $up"
  echo; echo "== real clients (perfdhcp)"; cat "$W/real.txt"
  echo; echo "== flood (perfdhcp -i)"; cat "$W/flood.txt"
} | tee "$OUT"
log "written to $OUT"
