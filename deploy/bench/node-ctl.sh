#!/usr/bin/env bash
# deploy/bench/node-ctl.sh pg-start|pg-stop|reset|stop  (FAMILY=v4|v6 picks the warm-up; both are served)
#   Runs one dhcp-cluster node inside the bench namespace kbsrv (see ../shared/bench/netns.sh)
#   with its journal in a PostgreSQL server of its own, also inside kbsrv on 127.0.0.1:5433
#   (Debian's PostgreSQL binaries, default durability settings: the same server software
#   Kea's PostgreSQL backend is measured on).
#   reset: empty the lease database, (re)start the node, wait until ready, then warm the
#          JIT with a ramp of DORA (200, 500, 1000, 1500/s for 5 s each) from clients the
#          measurement does not use: a cold JVM driven straight into overload spends its
#          CPU compiling while requests time out, and never catches up.
#   State in /tmp/kb/node (node.conf, node.log, node.pid, pg/).
#   Env: NODE_CPU (taskset CPU list; default empty = both cores, as the node is multi-threaded),
#        WARMUP=0 skips the warm-up; NODE_CONF uses that node.conf instead of the one written here
#        (same database URL: jdbc:postgresql://127.0.0.1:5433/dhcp, management on 127.0.0.1:8067).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$REPO/node/target/dhcp-node.jar
W=/tmp/kb/node
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGPORT=5433
NODE_CPU=${NODE_CPU-}
mkdir -p "$W"

pgu() { runuser -u postgres -- "$@"; }

pg_start() {
  pg_stop
  rm -rf "$W/pg" "$W/pglog"; mkdir -p "$W/pg" "$W/pgsock" "$W/pglog"; chown postgres "$W/pg" "$W/pgsock" "$W/pglog"
  pgu "$PG_BIN/initdb" -D "$W/pg" -U postgres -A trust >/dev/null
  ip netns exec kbsrv runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$W/pg" -l "$W/pglog/postgres.log" -w \
    -o "-p $PGPORT -k $W/pgsock -c listen_addresses=127.0.0.1" start >/dev/null
}
pg_stop() {
  [[ -f $W/pg/postmaster.pid ]] && pgu "$PG_BIN/pg_ctl" -D "$W/pg" -m fast -w stop >/dev/null 2>&1 || true
}

write_config() {
  # Only /ready (open) is used here; the token keeps /api and /leave closed all the same.
  [[ -s $W/management-token ]] || (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$W/management-token")
  cat > "$W/node.conf" <<CONF
dhcp {
  management { host = "127.0.0.1", port = 8067, token-file = "$W/management-token" }
  cluster { host = "127.0.0.1", port = 25520 }
  database { url = "jdbc:postgresql://127.0.0.1:$PGPORT/dhcp", user = "postgres", password = "unused", pool-size = 8 }
  v4 {
    listen { port = 67, interfaces = ["kb-s0", "kb-s1"] }
    service-address = "198.51.100.1"
    lease-time = 3600, renewal-time = 900, rebinding-time = 1800
    subnets = [
      { id = 1, subnet = "192.0.2.0/24", interface = "kb-s0", pools = ["192.0.2.100 - 192.0.2.199"],
        options { routers = "192.0.2.1" } },
      { id = 2, subnet = "198.18.0.0/15", relay-addresses = ["198.51.100.2", "192.0.2.2"],
        pools = ["198.18.0.10 - 198.19.255.250"], options { routers = "198.18.0.1" } }
    ]
  }
  # The same links and pools as the bench's Kea (kea.sh): 2^32 addresses per link.
  v6 {
    listen { port = 547, interfaces = ["kb-s0", "kb-s1"] }
    preferred-lifetime = 3000, valid-lifetime = 4000, renew-timer = 1000, rebind-timer = 2000
    subnets = [
      { id = 1, subnet = "2001:db8:1::/64", interface = "kb-s0", pools = ["2001:db8:1::1:0/96"],
        pd-pools = [ { prefix = "2001:db8:100::/40", delegated-length = 56 } ] },
      { id = 2, subnet = "2001:db8:2::/64", relay-addresses = ["2001:db8:2::2"], pools = ["2001:db8:2::1:0/96"] }
    ]
  }
}
CONF
}

stop() {
  local pid
  pid=$(cat "$W/node.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"; for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$W/node.pid"
}

reset() {
  [[ -f $JAR ]] || { echo "build first: (cd $REPO && mvn -q -DskipTests package)" >&2; exit 2; }
  stop
  if [[ -n ${NODE_CONF:-} ]]; then cp "$NODE_CONF" "$W/node.conf"; else write_config; fi
  psql -h "$W/pgsock" -p $PGPORT -U postgres -qtAX -c "drop database if exists dhcp" -c "create database dhcp" >/dev/null
  local pin=(); [[ -n $NODE_CPU ]] && pin=(taskset -c "$NODE_CPU")
  setsid ip netns exec kbsrv "${pin[@]}" java -Xms1g -Xmx1g -XX:+UseParallelGC ${NODE_JAVA_OPTS:-} -jar "$JAR" --config "$W/node.conf" \
    >"$W/node.log" 2>&1 < /dev/null &
  echo $! > "$W/node.pid"
  for _ in $(seq 1 600); do
    grep -q event=node_ready "$W/node.log" && break
    kill -0 "$(cat "$W/node.pid")" 2>/dev/null || { tail -20 "$W/node.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q event=node_ready "$W/node.log" || { echo "node not ready in 60 s" >&2; tail -20 "$W/node.log" >&2; exit 1; }
  if [[ ${WARMUP:-1} == 1 ]]; then
    local i=0 r
    for r in 200 500 1000 1500; do
      i=$((i + 1))
      if [[ ${FAMILY:-v4} == v6 ]]; then
        ip netns exec kbrly taskset -c 0 perfdhcp -6 -r $r -p 5 -R 100000 -b duid=000300010200${i}000000000 \
          -A1 -l kb-r0 2001:db8:2::1 >/dev/null 2>&1 || true
      else
        ip netns exec kbrly taskset -c 0 perfdhcp -4 -r $r -p 5 -R 100000 -b mac=02:0$i:00:00:00:00 \
          -l 198.51.100.2 198.51.100.1 >/dev/null 2>&1 || true
      fi
    done
  fi
}

case ${1:-} in
  pg-start) pg_start ;;
  pg-stop) pg_stop ;;
  reset) reset ;;
  stop) stop ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
