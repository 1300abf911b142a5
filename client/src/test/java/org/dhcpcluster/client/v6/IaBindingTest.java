package org.dhcpcluster.client.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.Lifetimes;
import org.junit.jupiter.api.Test;

/** How a REPLY's IA changes what the client holds (RFC 8415 sections 18.2.10.1, 21.4, 21.6). */
class IaBindingTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final IaAddress A = new IaAddress(Ipv6.parse("2001:db8::a"), 1000, 2000);
    private static final IaAddress B = new IaAddress(Ipv6.parse("2001:db8::b"), 1000, 2000);

    private static IaBinding held() {
        return IaBinding.apply(Optional.empty(), V6TestServer.na(1, 500, 800, A, B), T0).orElseThrow();
    }

    @Test
    void addressesTheReplyDoesNotListKeepWhatIsLeftOfTheirLifetimes() {
        IaBinding after = IaBinding.apply(Optional.of(held()), V6TestServer.na(1, 500, 800, new IaAddress(A.address(), 1000, 2000)),
                T0.plusSeconds(300)).orElseThrow();

        assertEquals(List.of(new IaAddress(A.address(), 1000, 2000), new IaAddress(B.address(), 700, 1700)), after.addresses());
        assertEquals(T0.plusSeconds(300 + 2000), after.expiresAt().orElseThrow());
    }

    @Test
    void aValidLifetimeOfZeroRemovesTheAddress() {
        IaBinding after = IaBinding.apply(Optional.of(held()), V6TestServer.na(1, 500, 800, new IaAddress(A.address(), 0, 0)),
                T0.plusSeconds(10)).orElseThrow();

        assertEquals(List.of(B.address()), after.addresses().stream().map(IaAddress::address).toList());
    }

    @Test
    void anAddressPreferredLongerThanValidIsDiscarded() {
        Optional<IaBinding> b = IaBinding.apply(Optional.empty(),
                V6TestServer.na(1, 500, 800, new IaAddress(A.address(), 3000, 2000)), T0);

        assertTrue(b.isEmpty());
    }

    @Test
    void anIaWithT1AboveT2IsDiscarded() {
        ClientServerMessage reply = ClientServerMessage.builder(DhcpV6MessageType.REPLY)
                .add(V6TestServer.na(1, 900, 800, A).toOption()).build();

        assertTrue(ReplyIas.find(reply, IaKey.na(1)).isEmpty());
        assertTrue(ReplyIas.find(reply, IaKey.na(2)).isEmpty());
    }

    @Test
    void infiniteTimesScheduleNothing() {
        IaBinding forever = IaBinding.apply(Optional.empty(), V6TestServer.na(1, Lifetimes.INFINITY, Lifetimes.INFINITY,
                new IaAddress(A.address(), Lifetimes.INFINITY, Lifetimes.INFINITY)), T0).orElseThrow();

        assertTrue(forever.renewAt().isEmpty());
        assertTrue(forever.rebindAt().isEmpty());
        assertTrue(forever.expiresAt().isEmpty());
    }

    @Test
    void theClientSendsItsIasBackWithEveryTimeZeroed() {
        var ia = held().asClientIa();

        assertEquals(0, ia.t1());
        assertEquals(0, ia.t2());
        assertTrue(ia.addresses().stream().allMatch(a -> a.preferredLifetime() == 0 && a.validLifetime() == 0));
        assertEquals(2, ia.addresses().size());
    }
}
