package org.dhcpcluster.protocol.v4.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.junit.jupiter.api.Test;

class DhcpV4EncoderTest {

    private static DhcpV4Message.Builder offer() {
        return DhcpV4Message.builder().op(DhcpV4Message.BOOTREPLY).xid(0x01020304)
                .clientHardwareAddress(Datagrams.CHADDR).yiaddr(Ipv4.parse("192.0.2.100"))
                .messageType(DhcpMessageType.OFFER);
    }

    @Test
    void writesHeaderCookieAndOptionsAtTheirOffsets() {
        DhcpV4Message m = offer().hops(3).secs(0xABCD).broadcast(true)
                .ciaddr(Ipv4.parse("10.0.0.1")).siaddr(Ipv4.parse("10.0.0.3")).giaddr(Ipv4.parse("10.0.0.4"))
                .sname("srv".getBytes(StandardCharsets.US_ASCII)).file("boot.efi".getBytes(StandardCharsets.US_ASCII))
                .build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertEquals(2, p[0]);                                               // op
        assertEquals(1, p[1]);                                               // htype
        assertEquals(6, p[2]);                                               // hlen
        assertEquals(3, p[3]);                                               // hops
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(p, 4, 8));
        assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xCD, (byte) 0x80, 0}, Arrays.copyOfRange(p, 8, 12));
        assertArrayEquals(new byte[] {10, 0, 0, 1}, Arrays.copyOfRange(p, 12, 16));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 100}, Arrays.copyOfRange(p, 16, 20));
        assertArrayEquals(new byte[] {10, 0, 0, 3}, Arrays.copyOfRange(p, 20, 24));
        assertArrayEquals(new byte[] {10, 0, 0, 4}, Arrays.copyOfRange(p, 24, 28));
        assertArrayEquals(Datagrams.CHADDR, Arrays.copyOfRange(p, 28, 34));
        assertEquals('s', p[44]);
        assertEquals('b', p[108]);
        assertArrayEquals(new byte[] {99, (byte) 130, 83, 99}, Arrays.copyOfRange(p, 236, 240));
        assertArrayEquals(new byte[] {53, 1, 2, (byte) 255}, Arrays.copyOfRange(p, 240, 244));
    }

    @Test
    void writesMessageTypeFirstThenInsertionOrder() {
        DhcpV4Message m = DhcpV4Message.builder()
                .address(OptionCode.SERVER_IDENTIFIER, Ipv4.parse("192.0.2.1"))
                .uint32(OptionCode.IP_ADDRESS_LEASE_TIME, 3600)
                .messageType(DhcpMessageType.ACK)
                .address(OptionCode.SUBNET_MASK, Ipv4.parse("255.255.255.0"))
                .build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertEquals(240, Datagrams.offsetOfOption(p, 53));
        assertEquals(243, Datagrams.offsetOfOption(p, 54));
        assertEquals(249, Datagrams.offsetOfOption(p, 51));
        assertEquals(255, Datagrams.offsetOfOption(p, 1));
        assertEquals((byte) 255, p[261], "END after the last option");
    }

    @Test
    void padsWithZerosToTheBootpMinimumOf300() {
        byte[] p = DhcpV4Codec.encode(offer().build(), DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertEquals(300, p.length);
        for (int i = 244; i < 300; i++) {
            assertEquals(0, p[i], "octet " + i + " is PAD");
        }
    }

    @Test
    void doesNotPadLargerMessages() {
        DhcpV4Message m = offer().option(OptionCode.MESSAGE, Datagrams.filled(100, 'a')).build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertEquals(240 + 3 + 102 + 1, p.length);
        assertEquals((byte) 255, p[p.length - 1]);
    }

    @Test
    void splitsOptionsLongerThan255IntoConsecutiveInstances() throws DecodeException {
        byte[] value = Datagrams.filled(600, 0);
        DhcpV4Message m = offer().option(43, value).build();
        byte[] p = DhcpV4Codec.encode(m, 1500);
        int at = Datagrams.offsetOfOption(p, 43);
        // RFC 3396 section 6: 255 + 255 + 90, back to back
        assertEquals(255, p[at + 1] & 0xFF);
        assertEquals(43, p[at + 257]);
        assertEquals(255, p[at + 258] & 0xFF);
        assertEquals(43, p[at + 514]);
        assertEquals(90, p[at + 515] & 0xFF);
        assertArrayEquals(value, DhcpV4Codec.decode(p).options().get(43).orElseThrow());
    }

    @Test
    void encodesEmptyOption() throws DecodeException {
        DhcpV4Message m = offer().option(80, new byte[0]).build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        int at = Datagrams.offsetOfOption(p, 80);
        assertEquals(0, p[at + 1]);
        assertArrayEquals(new byte[0], DhcpV4Codec.decode(p).options().get(80).orElseThrow());
    }

    @Test
    void staysWithinMaxPayloadWithoutOverloadWhenOptionsFit() {
        // 548 - 240 = 308 octets: 3 (type) + 304 (option 43 with 300 octets = 255 + 45, two headers) + 1 END = 308
        DhcpV4Message m = offer().option(43, Datagrams.filled(300, 0)).build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertEquals(548, p.length, "exactly full");
        assertEquals(-1, Datagrams.offsetOfOption(p, 52), "no overload needed");
    }

    @Test
    void overloadsFileWhenOptionsFieldIsFull() throws DecodeException {
        DhcpV4Message m = offer().option(43, Datagrams.filled(320, 0)).build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertTrue(p.length <= DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertArrayEquals(new byte[] {52, 1, 1}, Arrays.copyOfRange(p, 243, 246), "option 52 right after 53, value 1 = file");
        assertEquals(43, p[108], "file starts with an option instance");
        DhcpV4Message back = DhcpV4Codec.decode(p);
        assertArrayEquals(Datagrams.filled(320, 0), back.options().get(43).orElseThrow());
        assertTrue(back.droppedOptions().isEmpty());
    }

    @Test
    void overloadsFileThenSnameWhenFileIsNotEnough() throws DecodeException {
        // options field (548 - 240 - 1 END - 3 type - 3 overload = 301) + file (127) < 480 < + sname (63)
        byte[] value = Datagrams.filled(440, 0);
        DhcpV4Message m = offer().option(43, value).build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertEquals(DhcpV4Codec.DEFAULT_MAX_PAYLOAD, p.length);
        assertArrayEquals(new byte[] {52, 1, 3}, Arrays.copyOfRange(p, 243, 246));
        assertEquals(43, p[44], "sname starts with an option instance");
        assertTrue(endsWithEnd(p, 44, 64), "the overloaded sname ends with END (RFC 2131 section 4.1)");
        assertTrue(endsWithEnd(p, 108, 128), "the overloaded file ends with END");
        assertArrayEquals(value, DhcpV4Codec.decode(p).options().get(43).orElseThrow());
    }

    @Test
    void keepsShortOptionsWholeWhenOverloading() throws DecodeException {
        // Options that fit in 255 octets are not split across fields: clients without RFC 3396 would misread them.
        DhcpV4Message.Builder b = offer();
        for (int code = 200; code < 203; code++) {
            b.option(code, Datagrams.filled(120, code));
        }
        DhcpV4Message m = b.build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        DhcpV4Message back = DhcpV4Codec.decode(p);
        for (int code = 200; code < 203; code++) {
            assertArrayEquals(Datagrams.filled(120, code), back.options().get(code).orElseThrow());
            assertEquals(1, countInstances(p, code), "option " + code + " is one instance");
        }
    }

    @Test
    void neverOverloadsFieldsThatCarryData() {
        DhcpV4Message m = offer().file("pxelinux.0".getBytes(StandardCharsets.US_ASCII))
                .sname("tftp".getBytes(StandardCharsets.US_ASCII))
                .option(43, Datagrams.filled(320, 0)).build();
        DhcpEncodeException e = assertThrows(DhcpEncodeException.class, () -> DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD));
        assertEquals(DhcpV4Codec.DEFAULT_MAX_PAYLOAD, e.maxPayload());
        assertEquals(240 + 3 + 324 + 1, e.requiredBytes());
        assertTrue(e.getMessage().contains("568 bytes") && e.getMessage().contains("548 bytes")
                && e.getMessage().contains("carry data"), e.getMessage());
    }

    @Test
    void overloadsSnameAloneWhenFileCarriesData() throws DecodeException {
        DhcpV4Message m = offer().file("pxelinux.0".getBytes(StandardCharsets.US_ASCII))
                .option(43, Datagrams.filled(330, 0)).build();
        byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
        assertArrayEquals(new byte[] {52, 1, 2}, Arrays.copyOfRange(p, 243, 246));
        DhcpV4Message back = DhcpV4Codec.decode(p);
        assertEquals("pxelinux.0", new String(back.file(), 0, 10, StandardCharsets.US_ASCII));
        assertArrayEquals(Datagrams.filled(330, 0), back.options().get(43).orElseThrow());
    }

    @Test
    void throwsWhenOptionsDoNotFitEvenWithOverload() {
        DhcpV4Message m = offer().option(43, Datagrams.filled(600, 0)).build();
        DhcpEncodeException e = assertThrows(DhcpEncodeException.class, () -> DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD));
        assertEquals(240 + 3 + 606 + 1, e.requiredBytes());
        assertTrue(e.getMessage().contains("file and sname fields overloaded"), e.getMessage());
    }

    @Test
    void respectsLargerMaxPayloadFromOption57() {
        DhcpV4Message m = offer().option(43, Datagrams.filled(600, 0)).build();
        byte[] p = DhcpV4Codec.encode(m, 1500 - 28);
        assertEquals(-1, Datagrams.offsetOfOption(p, 52));
        assertTrue(p.length <= 1472);
    }

    @Test
    void everyEncodingFitsMaxPayload() {
        for (int size = 0; size <= 700; size += 7) {
            DhcpV4Message m = offer().option(224, Datagrams.filled(size, 0)).option(12, Datagrams.filled(1 + size % 255, 'a')).build();
            try {
                byte[] p = DhcpV4Codec.encode(m, DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
                assertTrue(p.length <= DhcpV4Codec.DEFAULT_MAX_PAYLOAD && p.length >= 300, "size " + size + " -> " + p.length);
                assertEquals(m.options(), DhcpV4Codec.decode(p).options());
            } catch (DhcpEncodeException e) {
                assertTrue(e.requiredBytes() > DhcpV4Codec.DEFAULT_MAX_PAYLOAD);
            } catch (DecodeException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void maxPayloadForUsesOption57MinusHeaders() {
        DhcpV4Message with57 = DhcpV4Message.builder().option(OptionCode.MAXIMUM_MESSAGE_SIZE, new byte[] {0x05, (byte) 0xC0}).build();
        assertEquals(1472 - 28, DhcpV4Codec.maxPayloadFor(with57));
        assertEquals(DhcpV4Codec.DEFAULT_MAX_PAYLOAD, DhcpV4Codec.maxPayloadFor(DhcpV4Message.builder().build()));
        DhcpV4Message tooSmall = DhcpV4Message.builder().option(OptionCode.MAXIMUM_MESSAGE_SIZE, new byte[] {0x01, 0x00}).build();
        assertEquals(DhcpV4Codec.DEFAULT_MAX_PAYLOAD, DhcpV4Codec.maxPayloadFor(tooSmall));
    }

    /** Walks the TLVs of a field: they must end with END inside it, followed only by PAD. */
    private static boolean endsWithEnd(byte[] p, int from, int size) {
        int i = from;
        while (i < from + size) {
            int c = p[i] & 0xFF;
            if (c == 255) {
                for (int j = i + 1; j < from + size; j++) {
                    if (p[j] != 0) {
                        return false;
                    }
                }
                return true;
            }
            i += c == 0 ? 1 : 2 + (p[i + 1] & 0xFF);
        }
        return false;
    }

    private static int countInstances(byte[] p, int code) {
        int n = 0;
        int[][] fields = {{240, p.length}, {108, 236}, {44, 108}};
        for (int[] f : fields) {
            int i = f[0];
            while (i < f[1] && (p[i] & 0xFF) != 255) {
                if (p[i] == 0) {
                    i++;
                    continue;
                }
                if ((p[i] & 0xFF) == code) {
                    n++;
                }
                i += 2 + (p[i + 1] & 0xFF);
            }
        }
        return n;
    }
}
