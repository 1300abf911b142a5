package org.dhcpcluster.client.v6;

import static org.dhcpcluster.client.v6.V6Harness.ADDRESS;
import static org.dhcpcluster.client.v6.V6Harness.OTHER_ADDRESS;
import static org.dhcpcluster.client.v6.V6Harness.address;
import static org.dhcpcluster.client.v6.V6Harness.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.junit.jupiter.api.Test;

/** SOLICIT, ADVERTISE, REQUEST, REPLY and rapid commit (RFC 8415 sections 18.2.1, 18.2.2, 18.2.9, 18.2.10). */
class DhcpV6SolicitTest {
    private final V6Harness h = new V6Harness();

    @Test
    void solicitIsMulticastWithADuidLlElapsedTimeAndAnEmptyIaNa() {
        h.client.start();

        ClientServerMessage solicit = h.lastSent(DhcpV6MessageType.SOLICIT);
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        Duid duid = solicit.clientId().orElseThrow();
        assertEquals(Duid.TYPE_LL, duid.type());
        assertEquals(1, duid.hardwareType().orElseThrow());
        assertTrue(Arrays.equals(V6Harness.MAC, duid.linkLayerAddress().orElseThrow()));
        assertTrue(solicit.serverId().isEmpty());
        assertEquals(0, solicit.elapsedTime().orElseThrow());
        assertTrue(solicit.optionRequest().containsAll(List.of(DhcpV6OptionCode.SOL_MAX_RT, DhcpV6OptionCode.DNS_SERVERS)));
        assertFalse(solicit.rapidCommit());
        IdentityAssociation ia = solicit.iaNa().get(0);
        assertEquals(1, ia.iaid());
        assertEquals(0, ia.t1());
        assertEquals(0, ia.t2());
        assertTrue(ia.addresses().isEmpty());
    }

    @Test
    void advertisesAreCollectedForTheFirstRtAndTheMostPreferredServerIsRequested() {
        V6TestServer second = new V6TestServer(2);
        h.client.start();
        ClientServerMessage solicit = h.lastSent(DhcpV6MessageType.SOLICIT);

        h.deliver(h.server.advertise(solicit, 10, V6TestServer.na(1, 0, 0, new IaAddress(OTHER_ADDRESS, 100, 200))));
        h.deliver(second.advertise(solicit, 50, V6TestServer.na(1, 0, 0, address(100, 200))));
        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state(), "collecting until the first RT ends");
        h.scheduler.advance(Duration.ofMillis(1100));

        ClientServerMessage request = h.lastSent(DhcpV6MessageType.REQUEST);
        assertEquals(V6Destinations.MULTICAST, h.transport.last().destination());
        assertEquals(second.id(), request.serverId().orElseThrow());
        assertEquals(solicit.clientId(), request.clientId());
        assertTrue(request.transactionId() != solicit.transactionId(), "a new exchange, a new transaction-id");
        IaAddress hint = request.iaNa().get(0).addresses().get(0);
        assertEquals(ADDRESS, hint.address());
        assertEquals(0, hint.preferredLifetime(), "lifetimes in client messages SHOULD be 0 (section 21.6)");
        assertEquals(0, hint.validLifetime());
        assertEquals(2, h.transport.count(), "the SOLICIT was not retransmitted");
    }

    @Test
    void anAdvertiseWithPreference255IsRequestedAtOnce() {
        h.client.start();
        h.deliver(h.server.advertise(h.lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.na(1, 0, 0, address(100, 200))));

        assertEquals(DhcpV6ClientState.REQUESTING, h.client.state());
        assertEquals(h.server.id(), h.lastSent(DhcpV6MessageType.REQUEST).serverId().orElseThrow());
    }

    @Test
    void afterTheFirstRtAnyAdvertiseIsRequestedAtOnce() {
        h.client.start();
        h.scheduler.advance(Duration.ofMillis(1500));           // the first RT is over, SOLICIT retransmitted
        ClientServerMessage solicit = h.lastSent(DhcpV6MessageType.SOLICIT);

        h.deliver(h.server.advertise(solicit, 0, V6TestServer.na(1, 0, 0, address(100, 200))));

        assertEquals(DhcpV6ClientState.REQUESTING, h.client.state());
    }

    @Test
    void anAdvertiseOfferingNothingIsIgnoredAndSolicitingGoesOn() {
        h.client.start();
        ClientServerMessage solicit = h.lastSent(DhcpV6MessageType.SOLICIT);
        h.deliver(h.server.advertise(solicit, 255, V6TestServer.status(IaKey.na(1), StatusCode.NO_ADDRS_AVAIL)));

        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
        h.scheduler.advance(Duration.ofMillis(1100));
        assertEquals(2, h.transport.count());
        h.lastSent(DhcpV6MessageType.SOLICIT);
    }

    @Test
    void aReplyBindsBothAnAddressAndADelegatedPrefix() {
        V6Harness both = new V6Harness(DhcpV6ClientConfig.builder(V6Harness.MAC).iaNa(1).iaPd(2).build());
        both.client.start();
        ClientServerMessage solicit = both.lastSent(DhcpV6MessageType.SOLICIT);
        assertEquals(1, solicit.iaNa().size());
        assertEquals(2, solicit.iaPd().get(0).iaid());
        both.deliver(both.server.advertise(solicit, 255,
                V6TestServer.na(1, 0, 0, address(100, 200)), V6TestServer.pd(2, 0, 0, prefix(100, 200))));
        ClientServerMessage request = both.lastSent(DhcpV6MessageType.REQUEST);
        assertEquals(V6Harness.PREFIX, request.iaPd().get(0).prefixes().get(0).prefix());

        both.deliver(both.server.reply(request,
                V6TestServer.na(1, 500, 800, address(1000, 2000)), V6TestServer.pd(2, 600, 900, prefix(1000, 2000))));

        DhcpV6Lease lease = both.client.lease().orElseThrow();
        assertEquals(DhcpV6ClientState.BOUND, both.client.state());
        assertEquals(List.of(ADDRESS), lease.addresses().stream().map(IaAddress::address).toList());
        assertEquals(56, lease.prefixes().get(0).prefixLength());
        assertEquals(both.server.id(), lease.serverId());
        assertEquals("bound 2001:db8::10,2001:db8:100::/56", both.events.get(both.events.size() - 1));
        assertEquals(request.transactionId(), both.sent(1).transactionId());
    }

    @Test
    void aReplyGrantingNothingSendsTheClientBackToSoliciting() {
        h.client.start();
        h.deliver(h.server.advertise(h.lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.na(1, 0, 0, address(100, 200))));

        h.deliver(h.server.reply(h.lastSent(DhcpV6MessageType.REQUEST), V6TestServer.status(IaKey.na(1), StatusCode.NO_ADDRS_AVAIL)));

        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
        h.lastSent(DhcpV6MessageType.SOLICIT);
        assertTrue(h.events.stream().noneMatch(e -> e.startsWith("bound")));
    }

    @Test
    void aNotOnLinkReplyToRequestSendsTheClientBackToSoliciting() {
        h.client.start();
        h.deliver(h.server.advertise(h.lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.na(1, 0, 0, address(100, 200))));

        h.deliver(h.server.replyStatus(h.lastSent(DhcpV6MessageType.REQUEST), StatusCode.NOT_ON_LINK));

        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
    }

    @Test
    void withRapidCommitAReplyToSolicitBindsWithoutARequest() {
        V6Harness rapid = new V6Harness(DhcpV6ClientConfig.builder(V6Harness.MAC).rapidCommit(true).build());
        rapid.client.start();
        ClientServerMessage solicit = rapid.lastSent(DhcpV6MessageType.SOLICIT);
        assertTrue(solicit.rapidCommit());

        rapid.deliver(rapid.server.rapidCommitReply(solicit, V6TestServer.na(1, 500, 800, address(1000, 2000))));

        assertEquals(DhcpV6ClientState.BOUND, rapid.client.state());
        assertEquals(1, rapid.transport.count(), "no REQUEST");
        assertEquals(List.of("STOPPED->SOLICITING", "SOLICITING->BOUND", "bound 2001:db8::10"), rapid.events);
        assertEquals(rapid.scheduler.now().plusSeconds(500), rapid.client.lease().orElseThrow().renewAt().orElseThrow());
    }

    @Test
    void aReplyToSolicitWithoutRapidCommitIsIgnored() {
        V6Harness rapid = new V6Harness(DhcpV6ClientConfig.builder(V6Harness.MAC).rapidCommit(true).build());
        rapid.client.start();
        ClientServerMessage solicit = rapid.lastSent(DhcpV6MessageType.SOLICIT);

        assertFalse(rapid.client.receive(rapid.server.reply(solicit, V6TestServer.na(1, 500, 800, address(1000, 2000)))));
        assertEquals(DhcpV6ClientState.SOLICITING, rapid.client.state());

        h.client.start();
        ClientServerMessage plainSolicit = h.lastSent(DhcpV6MessageType.SOLICIT);
        assertFalse(h.client.receive(h.server.rapidCommitReply(plainSolicit, V6TestServer.na(1, 500, 800, address(1000, 2000)))),
                "and without rapid commit configured, any REPLY to SOLICIT is");
        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
    }

    @Test
    void repliesForAnotherClientOrTransactionAreIgnored() {
        h.client.start();
        ClientServerMessage solicit = h.lastSent(DhcpV6MessageType.SOLICIT);
        ClientServerMessage otherXid = solicit.toBuilder().transactionId(solicit.transactionId() ^ 1).build();
        ClientServerMessage otherClient = solicit.toBuilder().clientId(Duid.ll(1, new byte[] {2, 0, 0, 0, 0, 9})).build();

        assertFalse(h.client.receive(h.server.advertise(otherXid, 255, V6TestServer.na(1, 0, 0, address(100, 200)))));
        assertFalse(h.client.receive(h.server.advertise(otherClient, 255, V6TestServer.na(1, 0, 0, address(100, 200)))));
        byte[] noServerId = DhcpV6Codec.encode(ClientServerMessage.replyTo(solicit, DhcpV6MessageType.ADVERTISE)
                .add(V6TestServer.na(1, 0, 0, address(100, 200)).toOption()).build());
        assertFalse(h.client.receive(noServerId), "an ADVERTISE must name its server");
        assertEquals(DhcpV6ClientState.SOLICITING, h.client.state());
    }

    @Test
    void aServersSolMaxRtOptionIsAdoptedWithinItsRange() {
        h.client.start();
        ClientServerMessage solicit = h.lastSent(DhcpV6MessageType.SOLICIT);
        byte[] advertise120 = DhcpV6Codec.encode(ClientServerMessage.replyTo(solicit, DhcpV6MessageType.ADVERTISE)
                .serverId(h.server.id()).add(new DhcpV6Option(DhcpV6OptionCode.SOL_MAX_RT, new byte[] {0, 0, 0, 120}))
                .add(V6TestServer.status(IaKey.na(1), StatusCode.NO_ADDRS_AVAIL).toOption()).build());
        byte[] advertise10 = DhcpV6Codec.encode(ClientServerMessage.replyTo(solicit, DhcpV6MessageType.ADVERTISE)
                .serverId(h.server.id()).add(new DhcpV6Option(DhcpV6OptionCode.SOL_MAX_RT, new byte[] {0, 0, 0, 10})).build());

        h.deliver(advertise120);
        assertEquals(Duration.ofSeconds(120), h.client.solMaxRt(), "processed even from an ADVERTISE that offers nothing");
        h.deliver(advertise10);
        assertEquals(Duration.ofSeconds(120), h.client.solMaxRt(), "below 60 s is out of range and ignored");
    }

    @Test
    void aSecondCopyOfTheReplyAfterBindingIsIgnored() {
        h.client.start();
        h.deliver(h.server.advertise(h.lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.na(1, 0, 0, address(100, 200))));
        byte[] reply = h.server.reply(h.lastSent(DhcpV6MessageType.REQUEST), V6TestServer.na(1, 500, 800, address(1000, 2000)));
        h.deliver(reply);

        assertFalse(h.client.receive(reply), "the exchange is over");
        assertEquals(1, h.events.stream().filter(e -> e.startsWith("bound")).count());
    }

    @Test
    void aReplyWhoseIaCannotBeReadChangesNothing() {
        h.client.start();
        h.deliver(h.server.advertise(h.lastSent(DhcpV6MessageType.SOLICIT), 255, V6TestServer.na(1, 0, 0, address(100, 200))));
        ClientServerMessage request = h.lastSent(DhcpV6MessageType.REQUEST);
        DhcpV6Option truncatedAddress = new DhcpV6Option(DhcpV6OptionCode.IAADDR, new byte[5]);
        byte[] reply = DhcpV6Codec.encode(ClientServerMessage.replyTo(request, DhcpV6MessageType.REPLY).serverId(h.server.id())
                .add(IdentityAssociation.na(1, 500, 800, DhcpV6Options.of(truncatedAddress)).toOption())
                .build());

        h.client.receive(reply);

        assertEquals(DhcpV6ClientState.REQUESTING, h.client.state());
        assertTrue(h.events.stream().noneMatch(e -> e.startsWith("bound")));
    }
}
