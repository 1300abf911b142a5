/**
 * Test harness for running REAL DHCP clients and load generators against a DHCP server inside
 * throw-away Linux network namespaces (needs root; see {@link org.dhcpcluster.node.testing.Tools}
 * for the skip-or-fail rule).
 *
 * <pre>{@code
 * Tools.requireRootAndCommands("ip", "unshare", "dhclient");
 * try (NetnsTopology net = NetnsTopology.builder().label("my-test").withRelay().create();
 *      NamespacedProcess server = net.start(net.serverNs(), "server", "java", "...");   // or KeaDhcp4.start(net)
 *      DhcpV4Client client = DhclientV4.on(net)) {                                     // or DhcpcdV4, UdhcpcV4
 *     client.start();
 *     Inet4Address a = client.awaitAddress(Duration.ofSeconds(30));
 *     client.renew();
 *     client.release();
 *     client.awaitNoAddress(Duration.ofSeconds(10));
 * }
 * PerfdhcpReport r = Perfdhcp.v4().clients(100).rate(50).period(Duration.ofSeconds(2))
 *         .relayed("198.51.100.2", "198.51.100.1").run(net, net.relayNs(), Duration.ofSeconds(30));
 * }</pre>
 *
 * DHCPv6 is driven the same way ({@link org.dhcpcluster.node.testing.NetnsTopology} documents the
 * IPv6 addressing, including the relayed link behind the relay namespace):
 *
 * <pre>{@code
 * try (KeaDhcp6 kea = KeaDhcp6.start(net);                                  // or our server on [::]:547
 *      DhclientV6 client = DhclientV6.on(net).addressAndPrefix()) {          // or DhcpcdV6 (address only)
 *     client.start();
 *     Inet6Address a = client.awaitAddress(Duration.ofSeconds(30));
 *     Prefix6 p = client.awaitDelegatedPrefix(Duration.ofSeconds(30));
 *     client.renew();                                                       // see each driver for what it sends
 *     client.release();
 * }
 * PerfdhcpReport r6 = Perfdhcp.v6().clients(200).avalanche()
 *         .relayed("2001:db8:2::1", "2001:db8:ff::1").run(net, net.relayNs(), Duration.ofSeconds(60));
 * }</pre>
 *
 * Everything started is stopped by PID; namespaces are removed on close, by a shutdown hook on an
 * aborted run, and by the next run after a SIGKILLed one. Only documentation address ranges are
 * used and no traffic leaves the namespaces.
 */
package org.dhcpcluster.node.testing;
