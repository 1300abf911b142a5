#!/bin/sh
# The container's entrypoint: one node, configured by the file the Helm chart mounts
# (ConfigMap key node.conf). Everything else comes from the environment the pod spec sets:
# POD_IP, DHCP_DB_URL, DHCP_DB_USER, DHCP_DB_PASSWORD, DHCP_APP_VERSION (see helm/), and
# JAVA_TOOL_OPTIONS for the JVM's memory (container-aware percentages, read by the JVM itself).
#
# exec: the JVM becomes PID 1 and gets SIGTERM directly; its coordinated shutdown drains,
# hands the node's shards over and exits 0.
set -eu
config=${DHCP_CONFIG:-/etc/dhcp-node/node.conf}
classpath=${DHCP_NODE_CLASSPATH:-/app/dhcp-node.jar}
java=${JAVA:-java}
if [ ! -r "$config" ]; then
  echo "dhcp-node: cannot read the configuration $config (mount the chart's ConfigMap there, or set DHCP_CONFIG)" >&2
  exit 2
fi
exec "$java" -cp "$classpath" org.dhcpcluster.node.Main --config "$config" "$@"
