package org.dhcpcluster.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When no server answers, a driver fails fast and tells the test what the client saw. */
class ClientWithoutServerTest {

    @Test
    void awaitAddressFailsWithTheClientLogAndCloseLeavesNoProcess() {
        Tools.requireRootAndCommands("ip", "unshare", "udhcpc");
        try (NetnsTopology t = NetnsTopology.builder().label("no-server").withoutIpv6().create()) {
            UdhcpcV4 client = UdhcpcV4.on(t);
            try (client) {
                client.start();
                AssertionError e = assertThrows(AssertionError.class, () -> client.awaitAddress(Duration.ofSeconds(2)));
                assertTrue(e.getMessage().contains("configured no IPv4 address on " + t.clientIf()), e.getMessage());
                assertTrue(e.getMessage().contains("udhcpc: broadcasting discover"), e.getMessage());
            }
            assertEquals(List.of(), Namespaces.pids(t.clientNs()), "close() stops the client");
        }
    }
}
