package org.dhcpcluster.protocol.v6.option;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.junit.jupiter.api.Test;

class IdentityAssociationTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    @Test
    void iaNaReadsIaidTimersAndAddresses() {
        IdentityAssociation ia = IdentityAssociation.fromOption(new DhcpV6Option(3, hex(
                "8ed0b18f 00000005 0000000a"
                + "0005 0018 20010db8003100000000000000000100 00000014 0000001e"
                + "0005 0018 20010db8003100000000000000000101 ffffffff ffffffff")));
        assertEquals(IaType.NA, ia.type());
        assertEquals(0x8ed0b18fL, ia.iaid());                                // unsigned
        assertEquals(5, ia.t1());
        assertEquals(10, ia.t2());
        assertEquals(List.of(new IaAddress(Ipv6.parse("2001:db8:31::100"), 20, 30),
                new IaAddress(Ipv6.parse("2001:db8:31::101"), Lifetimes.INFINITY, Lifetimes.INFINITY)), ia.addresses());
        assertTrue(ia.status().isEmpty());
    }

    @Test
    void iaTaHasNoTimers() {
        IdentityAssociation ta = IdentityAssociation.fromOption(new DhcpV6Option(4, hex("00000007")));
        assertEquals(IaType.TA, ta.type());
        assertEquals(7, ta.iaid());
        assertEquals(0, ta.t1());
        assertEquals(new DhcpV6Option(4, hex("00000007")), ta.toOption());
        assertThrows(IllegalArgumentException.class, () -> new IdentityAssociation(IaType.TA, 1, 1, 0, DhcpV6Options.empty()));
    }

    @Test
    void iaPdReadsPrefixesWithTheirWireOrder() {
        IdentityAssociation pd = IdentityAssociation.fromOption(new DhcpV6Option(25, hex(
                "00000001 00000005 0000000a"
                + "001a 0019 00000014 0000001e 38 20010db8310000000000000000000000")));
        IaPrefix p = pd.prefixes().get(0);
        assertEquals(20, p.preferredLifetime());                             // lifetimes come first in IAPREFIX
        assertEquals(30, p.validLifetime());
        assertEquals(56, p.prefixLength());
        assertEquals(Ipv6.parse("2001:db8:3100::"), p.prefix());
    }

    @Test
    void statusOnTheIaAndOnAnAddress() {
        StatusCodeOption noBinding = new StatusCodeOption(StatusCode.NO_BINDING, "gone");
        IaAddress addr = new IaAddress(Ipv6.parse("2001:db8::1"), 0, 0,
                DhcpV6Options.of(new StatusCodeOption(StatusCode.NOT_ON_LINK, "").toOption()));
        IdentityAssociation ia = IdentityAssociation.na(1, 0, 0, DhcpV6Options.of(addr.toOption(), noBinding.toOption()));
        IdentityAssociation back = IdentityAssociation.fromOption(ia.toOption());
        assertEquals(ia, back);
        assertEquals(noBinding, back.status().orElseThrow());
        assertEquals(StatusCode.NOT_ON_LINK, back.addresses().get(0).status().orElseThrow().code());
    }

    @Test
    void writesBackOctetForOctet() {
        byte[] wire = hex("00000001 00000e10 00001518 0005 0018 20010db8000000000000000000000001 00001c20 00001d4c fff0 0002 abcd");
        assertEquals(new DhcpV6Option(3, wire), IdentityAssociation.fromOption(new DhcpV6Option(3, wire)).toOption());
    }

    @Test
    void refusesWhatDoesNotFrame() {
        assertThrows(IllegalArgumentException.class, () -> IdentityAssociation.fromOption(new DhcpV6Option(3, hex("00000001"))));
        assertThrows(IllegalArgumentException.class,
                () -> IdentityAssociation.fromOption(new DhcpV6Option(3, hex("00000001 00000000 00000000 0005 00"))));
        assertThrows(IllegalArgumentException.class, () -> IdentityAssociation.fromOption(new DhcpV6Option(5, hex("00000001"))));
        assertThrows(IllegalArgumentException.class, () -> IdentityAssociation.na(0x1_0000_0000L, 0, 0, DhcpV6Options.empty()));
        assertThrows(IllegalArgumentException.class, () -> new IaPrefix(0, 0, 129, Ipv6.UNSPECIFIED));
    }
}
