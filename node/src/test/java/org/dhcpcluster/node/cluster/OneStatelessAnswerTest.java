package org.dhcpcluster.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.testing.ClientMessages4;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.dhcpcluster.node.support.ClientMessages6;
import org.dhcpcluster.node.support.LocalCluster;
import org.dhcpcluster.node.support.TestRelay4;
import org.dhcpcluster.node.support.TestRelay6;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages no partition sees (INFORM, INFORMATION-REQUEST, CONFIRM) get one answer per
 * transaction from three nodes that all hear them, and still get one when only one node hears
 * them: which node answers is not decided in advance.
 */
class OneStatelessAnswerTest {
    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static LocalCluster cluster;

    @BeforeAll
    static void startThreeNodes() {
        cluster = LocalCluster.start(EmbeddedPostgresFixture.freshDatabase(), 3, TestRelay4.RELAY_ADDRESS);
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Polls every socket in turn until {@link #QUIET} after the first reply (a second answer would
     * leave within milliseconds of the first), or {@link #REPLY} without any.
     */
    private static int countReplies(List<java.util.function.Supplier<Boolean>> sockets) {
        long deadline = System.nanoTime() + REPLY.toNanos();
        int n = 0;
        while (System.nanoTime() < deadline) {
            for (java.util.function.Supplier<Boolean> s : sockets) {
                if (s.get()) {
                    if (n++ == 0) {
                        deadline = System.nanoTime() + QUIET.toNanos();
                    }
                }
            }
        }
        return n;
    }

    private static List<TestRelay6> relays6() {
        List<TestRelay6> relays = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            relays.add(new TestRelay6(new InetSocketAddress("::1", cluster.port6(i)), TestNodes.V6_LINK_ADDRESS));
        }
        return relays;
    }

    /** Sends the same datagram to every node at once, as a relay configured with all three does; counts the replies. */
    private static int repliesFromAll(ClientServerMessage m, ClientMessages6 c) {
        List<TestRelay6> relays = relays6();
        try {
            relays.forEach(r -> r.send(m, c.linkLocal()));
            return countReplies(relays.stream().map(r -> (java.util.function.Supplier<Boolean>) () ->
                    r.receive(Duration.ofMillis(50)).isPresent()).toList());
        } finally {
            relays.forEach(TestRelay6::close);
        }
    }

    @Test
    void anInformationRequestAndAConfirmHeardByEveryNodeAreAnsweredOnce() {
        for (int i = 0; i < 5; i++) {
            ClientMessages6 c = new ClientMessages6(6100 + i, false);
            assertEquals(1, repliesFromAll(c.informationRequest(), c), "INFORMATION-REQUEST " + i);
            ClientMessages6 d = new ClientMessages6(6200 + i, false);
            assertEquals(1, repliesFromAll(d.toAllServers(DhcpV6MessageType.CONFIRM,
                    List.of(new IaAddress(org.dhcpcluster.protocol.v6.Ipv6.parse("2001:db8:1::1234"), 0, 0))), d), "CONFIRM " + i);
        }
    }

    @Test
    void aConfirmHeardByOneNodeOnlyIsAnsweredWhicheverNodeThatIs() {
        for (int node = 1; node <= 3; node++) {
            for (int i = 0; i < 3; i++) {
                ClientMessages6 c = new ClientMessages6(6300 + node * 10 + i, false);
                try (TestRelay6 only = new TestRelay6(new InetSocketAddress("::1", cluster.port6(node)), TestNodes.V6_LINK_ADDRESS)) {
                    Optional<ClientServerMessage> reply = only.exchange(c.toAllServers(DhcpV6MessageType.CONFIRM,
                            List.of(new IaAddress(org.dhcpcluster.protocol.v6.Ipv6.parse("2001:db8:1::1234"), 0, 0))), c.linkLocal(), REPLY);
                    assertTrue(reply.isPresent(), "node " + node + " alone heard a CONFIRM and did not answer");
                }
            }
        }
    }

    @Test
    void everyMessageOfADoraSentToEveryNodeIsAnsweredOnce() {
        for (int i = 0; i < 5; i++) {
            ClientMessages4 c = new ClientMessages4(6500 + i).via(TestRelay4.RELAY_ADDRESS);
            List<TestRelay4> relays = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                relays.add(new TestRelay4(new InetSocketAddress("127.0.0.1", cluster.port4(n))));
            }
            try {
                DhcpV4Message discover = c.newTransaction().discover();
                relays.forEach(r -> r.send(discover));
                List<DhcpV4Message> offers = new ArrayList<>();
                assertEquals(1, countReplies(relays.stream().map(r -> (java.util.function.Supplier<Boolean>) () ->
                        r.receive(Duration.ofMillis(50)).map(offers::add).isPresent()).toList()), "DISCOVER " + i + ": " + offers);
                DhcpV4Message request = c.requestSelecting("192.0.2.1", org.dhcpcluster.protocol.v4.Ipv4.toInt(offers.get(0).yiaddr()));
                relays.forEach(r -> r.send(request));
                assertEquals(1, countReplies(relays.stream().map(r -> (java.util.function.Supplier<Boolean>) () ->
                        r.receive(Duration.ofMillis(50)).isPresent()).toList()), "REQUEST " + i);
            } finally {
                relays.forEach(TestRelay4::close);
            }
        }
    }

    @Test
    void anInformHeardByEveryNodeIsAnsweredOnce() {
        for (int i = 0; i < 5; i++) {
            DhcpV4Message inform = new ClientMessages4(6400 + i).via(TestRelay4.RELAY_ADDRESS).inform(TestRelay4.RELAY_ADDRESS);
            List<TestRelay4> relays = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                relays.add(new TestRelay4(new InetSocketAddress("127.0.0.1", cluster.port4(n))));
            }
            try {
                relays.forEach(r -> r.send(inform));
                assertEquals(1, countReplies(relays.stream().map(r -> (java.util.function.Supplier<Boolean>) () ->
                        r.receive(Duration.ofMillis(50)).isPresent()).toList()), "INFORM " + i);
            } finally {
                relays.forEach(TestRelay4::close);
            }
        }
    }
}
