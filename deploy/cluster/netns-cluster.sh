#!/usr/bin/env bash
# deploy/cluster/netns-cluster.sh up N | down | status | cut I | heal I | stop I | kill I | start I
#                                 | db-stop | db-start | ns WHO | exec WHO CMD... | pid I
#
# A cluster of N nodes on one LAN made of Linux network namespaces (needs root and iproute2).
# Nothing is created in the host namespace: even the bridge lives in a namespace of its own.
#
#   bridge ns  <P>br:  br0, one port per namespace below (n1..nN, db, cl, rl)
#   node i     <P>n<i>: eth0 192.0.2.(10+i)/24 and 2001:db8:1::(10+i)/64; DHCPv4 on port 67 of
#                      eth0 (broadcast clients and relayed ones), DHCPv6 on port 547 of eth0
#                      (multicast SOLICITs of the LAN's clients), management on 127.0.0.1:8067
#                      inside its namespace (off the LAN), cluster port 25520; seeds: nodes 1 and 2.
#                      /api/... and POST /leave need the token in $STATE/management-token:
#                      exec 1 curl -H "Authorization: Bearer $(cat $STATE/management-token)" ...
#   database   <P>db:  eth0 192.0.2.5/24, PostgreSQL on 5432 (the node jar's --postgres-only)
#   clients    <P>cl:  eth0 on the LAN, no address (run dhclient, udhcpc, perfdhcp -B here);
#                      rl0, a link to the relay with no address (clients behind a relay agent)
#   relay      <P>rl:  eth0 192.0.2.4/24 on the LAN; down0 198.51.100.1/24 and 203.0.113.1/24
#                      towards rl0 (giaddr of relayed clients; run dhcrelay, perfdhcp -l or the
#                      load generator here). The nodes route both prefixes via 192.0.2.4.
# Every node has the same policy: LAN subnet 192.0.2.0/24 (pool .100-.250) and the relayed
# subnets 198.51.100.0/24 and 203.0.113.0/24 (pools .20-.254), server identifier 192.0.2.1 on
# every node (no node owns that address: it only names the cluster to clients); DHCPv6 on the
# LAN: 2001:db8:1::/64 (addresses) and 2001:db8:100::/40 (/56 prefixes), one cluster DUID.
# Replies need no interface with 192.0.2.1: they leave from each node's own address and clients
# go by option 54. But a RENEWING client unicasts to 192.0.2.1, which nobody answers here, so
# renewals are answered once the client falls back to broadcasting (REBINDING); in production
# put the service address on a load balancer or a floating address in front of the nodes.
# A real relay agent, e.g.: netns-cluster.sh exec relay dhcrelay -d -4 -id down0 -iu eth0 \
#   192.0.2.11 192.0.2.12 192.0.2.13   and a client behind it: exec clients udhcpc -i rl0
#
#   up N      creates the namespaces under a fresh unique prefix <P> (dnc + 4 hex digits, claimed
#             atomically), starts PostgreSQL, then the nodes, and waits until each is ready
#   down      kills every process it started (by recorded PID, then anything left inside its
#             namespaces) and deletes the namespaces; safe to run twice
#   status    per node: PID, link, /ready; then the cluster as a ready node sees it (/api/cluster)
#   cut I     takes node I's link down (its bridge port): node I is alone, without its database
#   heal I    brings it back up
#   stop I    SIGTERM to node I and wait for it to exit (graceful leave)
#   kill I    SIGKILL to node I
#   start I   starts node I again (as an orchestrator would) and waits until it is ready
#   db-stop   stops PostgreSQL (SIGTERM: a fast shutdown, as a restart or failover does); the
#             nodes keep running without their database
#   db-start  starts PostgreSQL again on its data and waits until it accepts connections
#   ns WHO    prints a namespace name: 1..N (nodes), db, clients, relay, bridge
#   exec WHO CMD...  runs CMD in that namespace
#   pid I     prints node I's PID (empty if it is not running)
#
# Env: STATE (default /tmp/dhcp-netns-cluster), NODE_CMD (default "java -Xmx384m -jar
#      node/target/dhcp-node.jar"), PG_PROXY_CMD (optional: a command run in the database
#      namespace as "PG_PROXY_CMD 5433 5432 STATE/postgres/delay-ms" that relays port 5433 to
#      PostgreSQL; the nodes then connect through it, so a test can make the database slow).
#      Progress goes to stderr; stdout carries only what a subcommand prints on purpose
#      (status, ns, pid, exec).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
STATE=${STATE:-/tmp/dhcp-netns-cluster}
NODE_CMD=${NODE_CMD:-java -Xmx384m -jar $REPO/node/target/dhcp-node.jar}
MGMT_PORT=8067
TOKEN_FILE=$STATE/management-token
PG_PORT=5432
PG_PROXY_PORT=5433
PG_PROXY_CMD=${PG_PROXY_CMD:-}

log() { printf '%s netns-cluster: %s\n' "$(date +%T)" "$*" >&2; }
die() { log "$*"; exit 2; }

prefix() { [[ -f $STATE/prefix ]] && cat "$STATE/prefix"; }

ns_of() { # WHO -> namespace name
  local p; p=$(prefix) || die "no cluster in $STATE (run up first)"
  case $1 in
    bridge) echo "${p}br" ;;
    db) echo "${p}db" ;;
    clients) echo "${p}cl" ;;
    relay) echo "${p}rl" ;;
    [1-9]|[1-9][0-9]) echo "${p}n$1" ;;
    *) die "unknown namespace '$1' (1..N, db, clients, relay, bridge)" ;;
  esac
}

nx() { ip netns exec "$@"; }

alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

node_count() { cat "$STATE/nodes"; }

check_node() { # I
  [[ $1 =~ ^[1-9][0-9]*$ ]] && (($1 <= $(node_count))) || die "no node '$1' (1..$(node_count))"
}

# A port on the bridge: veth whose bridge end is PORT in the bridge namespace and whose other
# end is eth0 (or DEV) inside NS, created there directly.
attach() { # ns port [dev]
  local br; br=$(ns_of bridge)
  ip -n "$br" link add "$2" type veth peer name "${3:-eth0}" netns "$1"
  ip -n "$br" link set "$2" master br0 up
  ip -n "$1" link set "${3:-eth0}" up
}

new_ns() { # name: with loopback up and IPv6 DAD off (addresses usable at once)
  ip netns add "$1"
  echo "$1" >> "$STATE/namespaces"
  ip -n "$1" link set lo up
  nx "$1" sh -c 'for f in /proc/sys/net/ipv6/conf/all/accept_dad /proc/sys/net/ipv6/conf/default/accept_dad; do
                   [ ! -e "$f" ] || echo 0 > "$f"; done'
}

claim_prefix() {
  local p i
  for i in $(seq 1 20); do
    p=dnc$(od -An -N2 -tx2 /dev/urandom | tr -d ' \n')
    # 'ip netns add' fails on an existing name: whoever creates the bridge namespace owns <P>
    if ! ip netns list | grep -q "^$p" && ip netns add "${p}br" 2>/dev/null; then
      echo "$p" > "$STATE/prefix"
      echo "${p}br" > "$STATE/namespaces"
      return
    fi
  done
  die "could not claim a free namespace prefix"
}

build_topology() { # n
  local n=$1 i br cl rl db
  claim_prefix
  br=$(ns_of bridge); cl=$(ns_of clients); rl=$(ns_of relay); db=$(ns_of db)
  ip -n "$br" link set lo up
  ip -n "$br" link add br0 type bridge forward_delay 0
  ip -n "$br" link set br0 up
  new_ns "$db"; attach "$db" db
  ip -n "$db" addr add 192.0.2.5/24 dev eth0
  new_ns "$cl"; attach "$cl" cl
  new_ns "$rl"; attach "$rl" rl
  ip -n "$rl" addr add 192.0.2.4/24 dev eth0
  ip -n "$rl" link add down0 type veth peer name rl0 netns "$cl"
  ip -n "$rl" addr add 198.51.100.1/24 dev down0
  ip -n "$rl" addr add 203.0.113.1/24 dev down0
  ip -n "$rl" link set down0 up
  ip -n "$cl" link set rl0 up
  nx "$rl" sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'
  for i in $(seq 1 "$n"); do
    new_ns "$(ns_of "$i")"; attach "$(ns_of "$i")" "n$i"
    ip -n "$(ns_of "$i")" addr add "192.0.2.$((10 + i))/24" dev eth0
    ip -n "$(ns_of "$i")" addr add "2001:db8:1::$((10 + i))/64" dev eth0 nodad
    ip -n "$(ns_of "$i")" route add 198.51.100.0/24 via 192.0.2.4
    ip -n "$(ns_of "$i")" route add 203.0.113.0/24 via 192.0.2.4
  done
  log "namespaces $(tr '\n' ' ' < "$STATE/namespaces")on bridge br0 in $br"
}

wait_log() { # file pattern seconds pidfile
  local t
  for t in $(seq 1 $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    alive "$4" || { log "process exited:"; tail -20 "$1" >&2; return 1; }
    sleep 0.1
  done
  log "timed out waiting for '$2' in $1"; tail -20 "$1" >&2; return 1
}

# The node jar's embedded PostgreSQL listens on localhost only and trusts local connections
# only. A first start creates the data directory; it is stopped, opened to the LAN (trust for
# 192.0.2.0/24: these namespaces reach nothing else) and started again for good.
start_postgres() {
  local db dir=$STATE/postgres
  db=$(ns_of db)
  mkdir -p "$dir"
  if [[ -f $dir/data/PG_VERSION ]]; then # opened to the LAN when it was created
    run_postgres "$dir/postgres.log"
    log "postgres ready on 192.0.2.5:$PG_PORT in $db (pid $(cat "$dir/pid")), data kept from an earlier run"
    return
  fi
  run_postgres "$dir/postgres-init.log"
  kill -TERM "$(cat "$dir/pid")"
  for _ in $(seq 1 300); do alive "$dir/pid" || break; sleep 0.1; done
  alive "$dir/pid" && die "PostgreSQL did not stop after its first start"
  echo "listen_addresses = '*'" >> "$dir/data/postgresql.conf"
  echo "host all all 192.0.2.0/24 trust" >> "$dir/data/pg_hba.conf"
  run_postgres "$dir/postgres.log"
  log "postgres ready on 192.0.2.5:$PG_PORT in $db (pid $(cat "$dir/pid"))"
}

# What the nodes connect to: PostgreSQL itself, or the proxy in front of it (PG_PROXY_CMD).
node_pg_port() { if [[ -n $PG_PROXY_CMD ]]; then echo "$PG_PROXY_PORT"; else echo "$PG_PORT"; fi; }

start_pg_proxy() {
  local dir=$STATE/postgres
  [[ -n $PG_PROXY_CMD ]] || return 0
  : > "$dir/proxy.log"
  # shellcheck disable=SC2086
  ip netns exec "$(ns_of db)" setsid $PG_PROXY_CMD "$PG_PROXY_PORT" "$PG_PORT" "$dir/delay-ms" \
    >> "$dir/proxy.log" 2>&1 < /dev/null &
  echo $! > "$dir/proxy-pid"
  wait_log "$dir/proxy.log" "proxy ready" 60 "$dir/proxy-pid"
  log "database proxy on 192.0.2.5:$PG_PROXY_PORT (pid $(cat "$dir/proxy-pid")), delay from $dir/delay-ms"
}

run_postgres() { # logfile
  local dir=$STATE/postgres
  # Emptied here, not by the background job's redirection: that one may run after wait_log has
  # already found the previous start's ready line in the file.
  : > "$1"
  # shellcheck disable=SC2086
  ip netns exec "$(ns_of db)" setsid $NODE_CMD --postgres-only --data-directory "$dir/data" --port "$PG_PORT" \
    >> "$1" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  wait_log "$1" "postgres ready" 120 "$dir/pid"
}

write_token() { # one random token for the whole cluster, kept across restarts of the script
  [[ -s $TOKEN_FILE ]] && return
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$TOKEN_FILE")
}

write_config() { # i
  local i=$1
  cat > "$STATE/node-$i/node.conf" <<CONF
dhcp {
  management { host = "127.0.0.1", port = $MGMT_PORT, token-file = "$TOKEN_FILE" }
  cluster { host = "192.0.2.$((10 + i))", port = 25520, seed-nodes = ["192.0.2.11:25520", "192.0.2.12:25520"] }
  database { url = "jdbc:postgresql://192.0.2.5:$(node_pg_port)/postgres", user = "postgres", password = "postgres", pool-size = 4 }
  v4 {
    listen { port = 67, interfaces = ["eth0"] }
    service-address = "192.0.2.1"
    lease-time = 1h
    subnets = [
      { id = 1, subnet = "192.0.2.0/24", interface = "eth0", pools = ["192.0.2.100 - 192.0.2.250"],
        options { routers = "192.0.2.1", domain-name-servers = ["192.0.2.53"] } },
      { id = 2, subnet = "198.51.100.0/24", pools = ["198.51.100.20 - 198.51.100.254"],
        options { routers = "198.51.100.1", domain-name-servers = ["192.0.2.53"] } },
      { id = 3, subnet = "203.0.113.0/24", pools = ["203.0.113.20 - 203.0.113.254"],
        options { routers = "203.0.113.1", domain-name-servers = ["192.0.2.53"] } }
    ]
  }
  v6 {
    listen { port = 547, interfaces = ["eth0"] }
    subnets = [
      { id = 1, subnet = "2001:db8:1::/64", interface = "eth0", pools = ["2001:db8:1::1000 - 2001:db8:1::ffff"],
        pd-pools = [ { prefix = "2001:db8:100::/40", delegated-length = 56 } ],
        options { dns-servers = ["2001:db8:1::53"] } }
    ]
  }
}
CONF
}

ready() { # i: /ready answers 200
  nx "$(ns_of "$1")" curl -sf --max-time 2 "http://127.0.0.1:$MGMT_PORT/ready" >/dev/null 2>&1
}

wait_ready() { # i seconds
  local t
  for t in $(seq 1 $(($2 * 10))); do
    ready "$1" && return 0
    alive "$STATE/node-$1/pid" || { log "node $1 exited:"; tail -20 "$STATE/node-$1/node.log" >&2; return 1; }
    sleep 0.1
  done
  log "node $1 not ready within $2 s"; tail -20 "$STATE/node-$1/node.log" >&2; return 1
}

launch() { # i: start node i's process, do not wait
  local i=$1
  mkdir -p "$STATE/node-$i"
  [[ -f $STATE/node-$i/node.conf ]] || write_config "$i"
  alive "$STATE/node-$i/pid" && die "node $i is running (pid $(cat "$STATE/node-$i/pid"))"
  echo "=== start $(date +%T)" >> "$STATE/node-$i/node.log"
  # shellcheck disable=SC2086
  ip netns exec "$(ns_of "$i")" setsid $NODE_CMD --config "$STATE/node-$i/node.conf" \
    >> "$STATE/node-$i/node.log" 2>&1 < /dev/null &
  echo $! > "$STATE/node-$i/pid"
  log "node $i starting in $(ns_of "$i") (pid $(cat "$STATE/node-$i/pid"), 192.0.2.$((10 + i)))"
}

up() {
  local n=${1:?usage: up N} i
  [[ $n =~ ^[1-9][0-9]?$ ]] || die "N must be a number from 1 to 99"
  [[ -f $STATE/prefix ]] && die "a cluster is recorded in $STATE: run down first"
  command -v ip >/dev/null || die "needs iproute2 (ip)"
  mkdir -p "$STATE"
  write_token
  echo "$n" > "$STATE/nodes"
  build_topology "$n"
  start_postgres
  start_pg_proxy
  # All at once, as the chart's Deployment starts its pods: node 1, the first seed, forms the
  # cluster and the others join within seconds, before any partition is asked for, so the
  # shards spread over all of them from the start. Started one after another, the first node
  # would host every partition and the others would get theirs by rebalancing under load.
  for i in $(seq 1 "$n"); do launch "$i"; done
  for i in $(seq 1 "$n"); do wait_ready "$i" 180; done
  log "$n nodes ready"
}

stop_pid() { # pidfile signal label
  local pid
  [[ -f $1 ]] || return 0
  pid=$(cat "$1")
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$2" "$pid" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$3 (pid $pid) still running 60 s after SIG$2: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "$3 stopped (pid $pid, SIG$2)"
  fi
  rm -f "$1"
}

down() {
  local f ns pids
  [[ -d $STATE ]] || { log "nothing recorded in $STATE"; return 0; }
  # nodes first, all at once (their leases are durable: a teardown need not wait for hand-offs)
  for f in "$STATE"/node-*/pid; do
    [[ -f $f ]] && kill -KILL "$(cat "$f")" 2>/dev/null || true
  done
  for f in "$STATE"/node-*/pid; do
    [[ -f $f ]] || continue
    stop_pid "$f" KILL "$(basename "$(dirname "$f")")"
  done
  stop_pid "$STATE/postgres/pid" TERM postgres
  stop_pid "$STATE/postgres/proxy-pid" KILL "database proxy"
  if [[ -f $STATE/namespaces ]]; then
    while read -r ns; do
      [[ -n $ns ]] || continue
      # whatever else runs in our namespaces (clients, relays, probes) was started for this cluster
      pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ' || true)
      if [[ -n ${pids// /} ]]; then
        log "killing what is left in $ns: $pids"
        # shellcheck disable=SC2086
        kill -KILL $pids 2>/dev/null || true
        sleep 0.2
      fi
      ip netns del "$ns" 2>/dev/null && log "deleted namespace $ns" || true
    done < "$STATE/namespaces"
  fi
  rm -f "$STATE/prefix" "$STATE/namespaces" "$STATE/nodes"
}

status() {
  local i n link
  n=$(node_count)
  for i in $(seq 1 "$n"); do
    link=$(ip -n "$(ns_of bridge)" -o link show "n$i" 2>/dev/null | grep -o 'state [A-Z]*' || echo 'state ?')
    printf 'node %s ns %s pid %s link %s ready: %s\n' "$i" "$(ns_of "$i")" \
      "$(alive "$STATE/node-$i/pid" && cat "$STATE/node-$i/pid" || echo -)" "${link#state }" \
      "$(nx "$(ns_of "$i")" curl -s --max-time 3 "http://127.0.0.1:$MGMT_PORT/ready" 2>/dev/null || echo unreachable)"
  done
  for i in $(seq 1 "$n"); do
    if ready "$i"; then
      nx "$(ns_of "$i")" curl -s --max-time 10 -H "Authorization: Bearer $(cat "$TOKEN_FILE")" \
        "http://127.0.0.1:$MGMT_PORT/api/cluster"; echo
      return 0
    fi
  done
  echo "no node is ready"
}

link() { # i up|down
  check_node "$1"
  ip -n "$(ns_of bridge)" link set "n$1" "$2"
  log "node $1 link $2"
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
  up) up "$@" ;;
  down) down ;;
  status) status ;;
  cut) link "${1:?usage: cut I}" down ;;
  heal) link "${1:?usage: heal I}" up ;;
  stop) check_node "${1:?usage: stop I}"; stop_pid "$STATE/node-$1/pid" TERM "node $1" ;;
  kill) check_node "${1:?usage: kill I}"; stop_pid "$STATE/node-$1/pid" KILL "node $1" ;;
  start) check_node "${1:?usage: start I}"; launch "$1"; wait_ready "$1" 180; log "node $1 ready" ;;
  db-stop) prefix >/dev/null || die "no cluster in $STATE (run up first)"; stop_pid "$STATE/postgres/pid" TERM postgres ;;
  db-start) prefix >/dev/null || die "no cluster in $STATE (run up first)"
    alive "$STATE/postgres/pid" && die "PostgreSQL is running (pid $(cat "$STATE/postgres/pid"))"
    start_postgres ;;
  ns) ns_of "${1:?usage: ns WHO}" ;;
  exec) who=${1:?usage: exec WHO CMD...}; shift; ns=$(ns_of "$who"); exec ip netns exec "$ns" "$@" ;;
  pid) check_node "${1:?usage: pid I}"; if alive "$STATE/node-$1/pid"; then cat "$STATE/node-$1/pid"; fi ;;
  *) sed -n '2,52p' "$0"; exit 2 ;;
esac
