package org.dhcpcluster.protocol.v6.option;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.StatusCode;
import org.junit.jupiter.api.Test;

/** The small typed options: each reads its RFC layout, writes it back unchanged, and refuses the wrong code. */
class OptionViewsTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    @Test
    void statusCodeHasCodeAndUtf8MessageWithoutTerminator() {
        DhcpV6Option o = new DhcpV6Option(13, hex("0002 4e6f6e65 c3a9"));
        StatusCodeOption s = StatusCodeOption.fromOption(o);
        assertEquals(StatusCode.NO_ADDRS_AVAIL, s.code());
        assertEquals("None\u00e9", s.message());
        assertEquals(o, s.toOption());
        assertEquals(StatusCode.valueOf(300), StatusCodeOption.fromOption(new DhcpV6Option(13, hex("012c"))).code());
        assertEquals("\ufffd", StatusCodeOption.fromOption(new DhcpV6Option(13, hex("0001 ff"))).message()); // bad UTF-8 shown, not fatal
    }

    @Test
    void statusCodesHaveRfcNames() {
        assertEquals(List.of("Success", "UnspecFail", "NoAddrsAvail", "NoBinding", "NotOnLink", "UseMulticast", "NoPrefixAvail"),
                List.of(0, 1, 2, 3, 4, 5, 6).stream().map(c -> StatusCode.valueOf(c).name()).toList());
        assertEquals("UNKNOWN(7)", StatusCode.valueOf(7).name());
    }

    @Test
    void userClassIsAListOfLengthPrefixedItems() {
        DhcpV6Option o = new DhcpV6Option(15, hex("0003 616263 0000"));
        UserClass u = UserClass.fromOption(o);
        assertEquals(2, u.classes().size());
        assertArrayEquals("abc".getBytes(), u.classes().get(0));
        assertEquals(o, u.toOption());
        assertEquals(u, new UserClass(List.of("abc".getBytes(), new byte[0])));
    }

    @Test
    void vendorClassHasEnterpriseNumberThenItems() {
        DhcpV6Option o = new DhcpV6Option(16, hex("00009f08 0004 64686370"));
        VendorClass v = VendorClass.fromOption(o);
        assertEquals(40712, v.enterpriseNumber());
        assertArrayEquals("dhcp".getBytes(), v.data().get(0));
        assertEquals(o, v.toOption());
        assertThrows(IllegalArgumentException.class, () -> VendorClass.fromOption(new DhcpV6Option(16, hex("0000"))));
    }

    @Test
    void vendorOptionsKeepTheVendorsSubOptionsRaw() {
        DhcpV6Option o = new DhcpV6Option(17, hex("0000118b 0001 0002 abcd 0001 0000"));
        VendorOptions v = VendorOptions.fromOption(o);
        assertEquals(4491, v.enterpriseNumber());
        assertEquals(2, v.subOptions(1).size());                             // repeated sub-options stay separate
        assertEquals(o, v.toOption());
        assertEquals(DhcpV6Options.of(new DhcpV6Option(1, hex("abcd")), new DhcpV6Option(1, new byte[0])), v.subOptions());
    }

    @Test
    void remoteIdHasEnterpriseNumberAndAtLeastOneOctet() {
        DhcpV6Option o = new DhcpV6Option(37, hex("00000de9 6d6f64656d"));
        RemoteId r = RemoteId.fromOption(o);
        assertEquals(3561, r.enterpriseNumber());
        assertArrayEquals("modem".getBytes(), r.remoteId());
        assertEquals(o, r.toOption());
        assertThrows(IllegalArgumentException.class, () -> RemoteId.fromOption(new DhcpV6Option(37, hex("00000de9"))));
    }

    @Test
    void clientLinkLayerAddressHasTypeAndAddress() {
        DhcpV6Option o = new DhcpV6Option(79, hex("0001 02005e102030"));
        ClientLinkLayerAddress a = ClientLinkLayerAddress.fromOption(o);
        assertEquals(1, a.linkLayerType());
        assertEquals("1/02:00:5e:10:20:30", a.toString());
        assertEquals(o, a.toOption());
    }

    @Test
    void authenticationHasFixedFieldsThenInformation() {
        DhcpV6Option o = new DhcpV6Option(11, hex("03 01 00 ffffffffffffffff 0102"));
        Authentication a = Authentication.fromOption(o);
        assertEquals(Authentication.PROTOCOL_RECONFIGURE_KEY, a.protocol());
        assertEquals(1, a.algorithm());
        assertEquals(0, a.replayDetectionMethod());
        assertEquals(-1L, a.replayDetection());                              // all 64 bits, unsigned on the wire
        assertArrayEquals(hex("0102"), a.information());
        assertEquals(o, a.toOption());
    }

    @Test
    void viewsRefuseOtherOptionCodes() {
        DhcpV6Option other = new DhcpV6Option(99, hex("0000000000000000000000000000000000000000000000000000"));
        assertThrows(IllegalArgumentException.class, () -> StatusCodeOption.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> UserClass.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> VendorClass.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> VendorOptions.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> RemoteId.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> ClientLinkLayerAddress.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> Authentication.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> IaAddress.fromOption(other));
        assertThrows(IllegalArgumentException.class, () -> IaPrefix.fromOption(other));
    }
}
