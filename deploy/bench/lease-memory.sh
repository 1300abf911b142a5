#!/usr/bin/env bash
# deploy/bench/lease-memory.sh [LEASES]
#
# Heap per held DHCPv4 lease: LEASES bindings (default 1,000,000) in the partitions of one /12
# pool, plus the running partition entities, measured as heap after full GCs
# (lease-shard/src/test/java/org/dhcpcluster/lease/bench/LeaseMemory.java). Needs Java 17 and
# Maven; builds the test classes first. Output: deploy/bench/results/lease-memory-<date>.txt
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
LEASES=${1:-1000000}
OUT=$REPO/deploy/bench/results/lease-memory-$(date +%Y%m%d-%H%M%S).txt
cd "$REPO"
echo "building test classes..." >&2
mvn -q -B -Dstyle.color=never -pl lease-shard -am -DskipTests test-compile
mvn -q -B -Dstyle.color=never -pl lease-shard -am dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/lease-memory-cp.txt >/dev/null
CP="lease-shard/target/test-classes:lease-shard/target/classes:protocol/target/classes:$(cat /tmp/lease-memory-cp.txt)"
{
  echo "== lease memory, $(date -u +%FT%TZ), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
  java -Xmx4g -XX:+UseG1GC -Dlogback.configurationFile="$REPO/node/src/main/resources/logback.xml" -cp "$CP" org.dhcpcluster.lease.bench.LeaseMemory "$LEASES"
} | tee "$OUT"
echo "raw output: $OUT" >&2
