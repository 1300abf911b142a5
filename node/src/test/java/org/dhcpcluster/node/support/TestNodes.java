package org.dhcpcluster.node.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dhcpcluster.lease.persistence.DatabaseSettings;

/** Node configurations for tests: loopback only, documentation address ranges, ports picked free. */
public final class TestNodes {
    private TestNodes() {
    }

    /** A UDP port free on 127.0.0.1 and on the test relays' addresses. */
    public static int freeUdpPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                int port = a.getLocalPort();
                try (DatagramSocket b = new DatagramSocket(new InetSocketAddress(TestRelay4.RELAY_ADDRESS, port));
                     DatagramSocket c = new DatagramSocket(new InetSocketAddress("127.0.0.3", port));
                     DatagramSocket d = new DatagramSocket(new InetSocketAddress("127.0.0.4", port))) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free UDP port pair on loopback");
    }

    /**
     * A single node on loopback with an external (test) database, serving 192.0.2.0/24 to
     * clients relayed by {@link TestRelay4}.
     */
    /** Writes a configuration to a file, as an operator would have it. */
    public static Path write(Config config, Path dir) {
        Path f = dir.resolve("node.conf");
        try {
            Files.writeString(f, config.root().render(com.typesafe.config.ConfigRenderOptions.concise().setFormatted(true)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    public static Config loopbackNode(DatabaseSettings db, int dhcpPort, String pool) {
        return loopbackNode(db, dhcpPort, pool, TestRelay4.RELAY_ADDRESS);
    }

    public static Config loopbackNode(DatabaseSettings db, int dhcpPort, String pool, String... relays) {
        return ConfigFactory.parseString("""
                dhcp {
                  management { host = "127.0.0.1", port = 0, %s }
                  cluster { host = "127.0.0.1", port = 0 }
                  database { url = "%s", user = "%s", password = "%s", pool-size = 4 }
                  v4 {
                    listen { address = "127.0.0.1", port = %d }
                    service-address = "192.0.2.1"
                    subnets = [{
                      id = 1
                      subnet = "192.0.2.0/24"
                      pools = ["%s"]
                      relay-addresses = [%s]
                      options { routers = "192.0.2.1", domain-name-servers = ["192.0.2.53"] }
                    }]
                  }
                }
                """.formatted(ManagementToken.setting(), db.url(), db.user(), db.password(), dhcpPort, pool,
                        String.join(", ", Arrays.stream(relays).map(r -> "\"" + r + "\"").toList())));
    }

    /** The link relayed DHCPv6 clients are on in {@link #withV6}: its relay link-address lies inside it. */
    public static final String V6_LINK_ADDRESS = "2001:db8:1::1";

    /**
     * A loopback node that also serves DHCPv6 on {@code [::]:v6Port} to clients relayed from
     * 2001:db8:1::/64: addresses from {@code pool}, /56 prefixes from 2001:db8:100::/40.
     */
    public static Config withV6(Config node, int v6Port, String pool, boolean rapidCommit) {
        return ConfigFactory.parseString("""
                dhcp.v6 {
                  listen { port = %d }
                  preferred-lifetime = 3000, valid-lifetime = 4000, renew-timer = 1000, rebind-timer = 2000
                  subnets = [{
                    id = 1
                    subnet = "2001:db8:1::/64"
                    pools = ["%s"]
                    pd-pools = [ { prefix = "2001:db8:100::/40", delegated-length = 56 } ]
                    rapid-commit = %b
                    options { dns-servers = ["2001:db8:1::53"], domain-search = ["example.com"] }
                  }]
                }
                """.formatted(v6Port, pool, rapidCommit)).withFallback(node);
    }

    /** A UDP port free on [::]. */
    public static int freeUdp6Port() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::", 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
