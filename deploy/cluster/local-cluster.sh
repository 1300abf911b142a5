#!/usr/bin/env bash
# deploy/cluster/local-cluster.sh start N | stop | status
#
# A cluster of N nodes on this machine, each its own JVM, sharing one PostgreSQL journal.
#   start N   starts PostgreSQL (the node jar's embedded one, run alone: --postgres-only) unless
#             DB_URL is given, then N nodes, waits until each is ready, and prints the members.
#   stop      SIGTERM to every node (each leaves the cluster and hands its shards over),
#             then PostgreSQL; every process by the PID recorded at start.
#   status    each node's /ready and the cluster as node 1 sees it (/api/cluster).
#
# Node i (1..N): DHCPv4 on 127.0.0.(10+i):1067 (relayed clients: relays 127.0.0.2-4),
# DHCPv6 on [::]:(1546+i) (relayed), management on 127.0.0.1:(8070+i), cluster port
# 25520+i; seed nodes are nodes 1 and 2. Every node has the same DHCP policy, as a cluster must.
# /api/... and POST /leave need the management token the script writes to $STATE/management-token
# (mode 0600, one for all nodes): curl -H "Authorization: Bearer $(cat $STATE/management-token)" ...
#
# Env: STATE (default /tmp/dhcp-local-cluster), NODE_CMD (default "java -Xmx512m -jar
#      node/target/dhcp-node.jar"), DB_URL/DB_USER/DB_PASSWORD for an external PostgreSQL,
#      PG_PORT (default 5433).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
STATE=${STATE:-/tmp/dhcp-local-cluster}
NODE_CMD=${NODE_CMD:-java -Xmx512m -jar $REPO/node/target/dhcp-node.jar}
PG_PORT=${PG_PORT:-5433}

TOKEN_FILE=$STATE/management-token

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # file pattern seconds pidfile
  local i
  for i in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    alive "$4" || { log "process $(cat "$4") exited:"; tail -20 "$1" >&2; return 1; }
    sleep 0.1
  done
  log "timed out waiting for '$2' in $1"; tail -20 "$1" >&2; return 1
}

wait_ready() { # node-number seconds: until its /ready answers 200 (independent of the log level)
  local i=$1 t
  for t in $(seq 1 $(($2 * 10))); do
    curl -sf --max-time 2 "http://127.0.0.1:$((8070 + i))/ready" >/dev/null 2>&1 && return 0
    alive "$STATE/node-$i/pid" || { log "node $i exited:"; tail -20 "$STATE/node-$i/node.log" >&2; return 1; }
    sleep 0.1
  done
  log "node $i not ready within $2 s"; tail -20 "$STATE/node-$i/node.log" >&2; return 1
}

start_postgres() {
  if [[ -n ${DB_URL:-} ]]; then return; fi
  mkdir -p "$STATE/postgres"
  # shellcheck disable=SC2086
  setsid $NODE_CMD --postgres-only --data-directory "$STATE/postgres/data" --port "$PG_PORT" \
    > "$STATE/postgres/postgres.log" 2>&1 < /dev/null &
  echo $! > "$STATE/postgres/pid"
  wait_for "$STATE/postgres/postgres.log" "postgres ready" 120 "$STATE/postgres/pid"
  log "postgres ready on 127.0.0.1:$PG_PORT (pid $(cat "$STATE/postgres/pid"))"
}

write_token() { # one random token for the whole cluster, kept across restarts of the script
  [[ -s $TOKEN_FILE ]] && return
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TOKEN_FILE")
}

write_config() { # i n
  local i=$1 url=${DB_URL:-jdbc:postgresql://127.0.0.1:$PG_PORT/postgres}
  cat > "$STATE/node-$i/node.conf" <<CONF
dhcp {
  management { host = "127.0.0.1", port = $((8070 + i)), token-file = "$TOKEN_FILE" }
  cluster { host = "127.0.0.1", port = $((25520 + i)), seed-nodes = ["127.0.0.1:25521", "127.0.0.1:25522"] }
  database { url = "$url", user = "${DB_USER:-postgres}", password = "${DB_PASSWORD:-postgres}", pool-size = 4 }
  v4 {
    listen { address = "127.0.0.$((10 + i))", port = 1067 }
    client-port = 1068
    service-address = "192.0.2.1"
    subnets = [ { id = 1, subnet = "198.18.0.0/15", pools = ["198.18.0.10 - 198.19.255.250"],
                  relay-addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4"],
                  options { routers = "198.18.0.1", domain-name-servers = ["198.18.0.53"] } } ]
  }
  v6 {
    listen { port = $((1546 + i)) }
    subnets = [ { id = 1, subnet = "2001:db8:1::/64", pools = ["2001:db8:1::/64"],
                  pd-pools = [ { prefix = "2001:db8:100::/40", delegated-length = 56 } ],
                  options { dns-servers = ["2001:db8:1::53"] } } ]
  }
}
CONF
}

start() {
  local n=${1:?usage: start N} i
  [[ $n =~ ^[1-9][0-9]*$ ]] || { log "N must be a positive number"; exit 2; }
  if ls "$STATE"/node-*/pid >/dev/null 2>&1; then log "already running? run stop first ($STATE)"; exit 2; fi
  mkdir -p "$STATE"
  write_token
  start_postgres
  for i in $(seq 1 "$n"); do
    mkdir -p "$STATE/node-$i"
    write_config "$i"
    # shellcheck disable=SC2086
    setsid $NODE_CMD --config "$STATE/node-$i/node.conf" > "$STATE/node-$i/node.log" 2>&1 < /dev/null &
    echo $! > "$STATE/node-$i/pid"
    log "node $i starting (pid $(cat "$STATE/node-$i/pid"), management 127.0.0.1:$((8070 + i)))"
    # Nodes 1 and 2 are the seeds: node 1 must form the cluster before the others can join it.
    if [[ $i == 1 ]]; then wait_ready 1 120; fi
  done
  for i in $(seq 1 "$n"); do
    wait_ready "$i" 120
    log "node $i ready"
  done
  status
}

stop() {
  local f pid
  for f in "$STATE"/node-*/pid "$STATE"/postgres/pid; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && { log "pid $pid ignored SIGTERM for 30 s: killing"; kill -KILL "$pid"; }
      log "stopped $(basename "$(dirname "$f")") (pid $pid)"
    fi
    rm -f "$f"
  done
}

status() {
  local f i
  for f in "$STATE"/node-*/pid; do
    [[ -f $f ]] || continue
    i=${f%/pid}; i=${i##*-}
    printf 'node %s pid %s ready: %s\n' "$i" "$(cat "$f")" \
      "$(curl -s --max-time 5 "http://127.0.0.1:$((8070 + i))/ready" || echo unreachable)"
  done
  curl -s --max-time 10 -H "Authorization: Bearer $(cat "$TOKEN_FILE")" "http://127.0.0.1:8071/api/cluster" \
    || echo "node 1 unreachable"
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
