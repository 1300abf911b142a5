package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.dhcpcluster.lease.persistence.DatabaseSettings;
import org.dhcpcluster.node.config.NodeConfigLoader;
import org.dhcpcluster.node.support.LocalCluster;
import org.dhcpcluster.node.support.TestCertificates;
import org.dhcpcluster.node.support.TestNodes;
import org.dhcpcluster.node.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The cluster port admits only holders of the cluster's certificate. Three actor systems built
 * from the node's own configuration reader and Pekko settings form a cluster over mutual TLS;
 * a fourth with the right system name and a certificate of the same subject from another CA,
 * or with no TLS at all, asks to join and never becomes a member, and the log says why.
 *
 * <p>No database is needed: these systems only form the cluster, so the configured database is
 * never contacted.
 */
class MutualTlsClusterTest {
    private static final Duration FORMING = Duration.ofSeconds(60);
    private static final DatabaseSettings UNUSED_DB = new DatabaseSettings("jdbc:postgresql://127.0.0.1:9/unused", "dhcp", "dhcp", 1);
    private static final String SUBJECT = "dhcp-cluster";
    /** Required by the node's configuration; never bound, as no DHCP edge starts here. */
    private static final int UNBOUND_DHCP_PORT = 6767;
    private static final List<ActorSystem<Void>> members = new ArrayList<>();
    private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private static Path certs;
    private static ActorSystem<Void> intruder;
    private static int seedPort;

    @BeforeAll
    static void formClusterOfThree() throws IOException {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        certs = Files.createTempDirectory("cluster-tls");
        Path cluster = TestCertificates.newCa(certs, "dhcp-cluster-ca").issue("member", SUBJECT);
        seedPort = LocalCluster.freeTcpPort();
        for (int port : List.of(seedPort, LocalCluster.freeTcpPort(), LocalCluster.freeTcpPort())) {
            members.add(start(port, seedPort, "tls { directory = \"" + cluster + "\" }"));
        }
        for (ActorSystem<Void> m : members) {
            Poll.until(FORMING, () -> upMembers(m).size() == 3, () -> "three nodes over mutual TLS did not form one cluster: " + upMembers(m));
        }
    }

    @AfterAll
    static void stop() {
        members.forEach(ActorSystem::terminate);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @AfterEach
    void stopIntruder() {
        if (intruder != null) {
            intruder.terminate();
            intruder = null;
        }
    }

    /** A system named like the cluster's, joining node 1 with the given cluster settings. */
    private static ActorSystem<Void> start(int port, int seedPort, String clusterSettings) {
        Config raw = ConfigFactory.parseString("dhcp.cluster { host = \"127.0.0.1\", port = " + port
                        + ", seed-nodes = [\"127.0.0.1:" + seedPort + "\"], " + clusterSettings + " }")
                .withFallback(TestNodes.loopbackNode(UNUSED_DB, UNBOUND_DHCP_PORT, "192.0.2.10 - 192.0.2.250"));
        return ActorSystem.create(Behaviors.empty(), PekkoSettings.SYSTEM_NAME,
                PekkoSettings.build(NodeConfigLoader.read(raw), raw, UNUSED_DB));
    }

    private static List<Address> upMembers(ActorSystem<?> system) {
        List<Address> up = new ArrayList<>();
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up.add(m.address());
            }
        }
        return up;
    }

    /** Whether the system on {@code port} logged a line containing any of {@code fragments}. */
    private static boolean logged(int port, String... fragments) {
        synchronized (logs) {
            for (ILoggingEvent e : new ArrayList<>(logs.list)) {
                if (!e.getMDCPropertyMap().getOrDefault("pekkoAddress", "").endsWith(":" + port)) {
                    continue;
                }
                String text = (e.getFormattedMessage() + " " + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                        .toLowerCase(Locale.ROOT);
                for (String f : fragments) {
                    if (text.contains(f.toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String recentLogs() {
        StringBuilder b = new StringBuilder();
        List<ILoggingEvent> all = new ArrayList<>(logs.list);
        for (ILoggingEvent e : all.subList(Math.max(0, all.size() - 30), all.size())) {
            b.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(": ").append(e.getFormattedMessage()).append('\n');
        }
        return b.toString();
    }

    private void assertNeverAMember(int intruderPort) {
        Address intruderAddress = Cluster.get(intruder).selfMember().address();
        for (ActorSystem<Void> m : members) {
            for (Member member : Cluster.get(m).state().getMembers()) {
                assertNotEquals(intruderPort, (int) member.address().port().get(), "the intruder is listed as a member: " + member);
            }
            assertEquals(3, upMembers(m).size());
        }
        assertNotEquals(MemberStatus.up(), Cluster.get(intruder).selfMember().status(), intruderAddress + " must not be Up");
        assertFalse(upMembers(intruder).contains(Cluster.get(members.get(0)).selfMember().address()),
                "the intruder must not see the cluster's members");
    }

    @Test
    void aNodeWithACertificateFromAnotherCaIsRefused() {
        Path foreign = TestCertificates.newCa(certs, "other-ca").issue("intruder", SUBJECT);
        int port = LocalCluster.freeTcpPort();
        intruder = start(port, seedPort,
                "tls { directory = \"" + foreign + "\" }");
        Poll.until(FORMING, () -> logged(port, "PKIX path building failed"),
                () -> "the refused node's log does not say that the cluster's certificate is not trusted:\n" + recentLogs());
        assertNeverAMember(port);
    }

    @Test
    void aNodeWithoutTlsIsRefused() {
        int port = LocalCluster.freeTcpPort();
        intruder = start(port, seedPort, "");
        // The TLS side answers nothing a plaintext peer can read, so its handshake never completes.
        Poll.until(FORMING, () -> logged(port, "did not complete"),
                () -> "the refused node's log does not say its handshake never completed:\n" + recentLogs());
        assertNeverAMember(port);
    }
}
