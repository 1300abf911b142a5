package org.dhcpcluster.protocol.v6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DuidTest {
    private static final byte[] MAC = HexFormat.of().parseHex("02005e102030");

    @Test
    void duidLltExposesHardwareTypeTimeAndAddress() {
        Duid d = Duid.llt(1, 849_249_245L, MAC);
        assertEquals("00:01:00:01:32:9e:83:dd:02:00:5e:10:20:30", d.toColonHex());
        assertEquals(Duid.TYPE_LLT, d.type());
        assertEquals(1, d.hardwareType().orElseThrow());
        assertEquals(849_249_245L, d.time().orElseThrow());
        assertArrayEquals(MAC, d.linkLayerAddress().orElseThrow());
        assertTrue(d.enterpriseNumber().isEmpty() && d.uuid().isEmpty());
    }

    @Test
    void duidEnExposesEnterpriseNumberAndIdentifier() {
        Duid d = Duid.en(2495, HexFormat.of().parseHex("0c0001"));
        assertEquals("00020000 09bf0c0001".replace(" ", ""), d.toHex());
        assertEquals(2495, d.enterpriseNumber().orElseThrow());
        assertArrayEquals(HexFormat.of().parseHex("0c0001"), d.enterpriseIdentifier().orElseThrow());
        assertTrue(d.linkLayerAddress().isEmpty() && d.hardwareType().isEmpty());
    }

    @Test
    void duidLlExposesHardwareTypeAndAddress() {
        Duid d = Duid.ll(1, MAC);
        assertEquals("0003000102005e102030", d.toHex());
        assertArrayEquals(MAC, d.linkLayerAddress().orElseThrow());
        assertTrue(d.time().isEmpty());
    }

    @Test
    void duidUuidExposesTheUuid() {
        UUID u = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Duid d = Duid.uuid(u);
        assertEquals(18, d.length());
        assertEquals(u, d.uuid().orElseThrow());
    }

    @Test
    void unknownTypeIsAValidDuidWithoutTypedViews() {
        Duid d = Duid.fromHex("00:ff:01");                                  // RFC 8415 11: MUST NOT restrict types
        assertEquals(255, d.type());
        assertTrue(d.linkLayerAddress().isEmpty() && d.enterpriseNumber().isEmpty() && d.uuid().isEmpty());
    }

    @Test
    void knownTypeTooShortForItsLayoutIsStillADuid() {
        Duid d = Duid.fromHex("0001 0001 0000");                            // DUID-LLT cut before its time ends
        assertEquals(Duid.TYPE_LLT, d.type());
        assertTrue(d.time().isEmpty() && d.linkLayerAddress().isEmpty());
        assertTrue(Duid.fromHex("0004 0102").uuid().isEmpty());              // DUID-UUID must be 16 octets
    }

    @Test
    void lengthIsTwoOctetsOfTypeAndOneTo128OfIdentifier() {
        assertThrows(IllegalArgumentException.class, () -> Duid.of(new byte[2]));
        assertEquals(3, Duid.of(new byte[3]).length());
        assertEquals(130, Duid.of(new byte[130]).length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Duid.of(new byte[131]));
        assertTrue(e.getMessage().contains("at most 128"), e.getMessage());
    }

    @Test
    void equalityAndHashAreOnTheOctets() {
        Duid a = Duid.fromHex("0003000102005e102030");
        Duid b = Duid.ll(1, MAC);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Duid.ll(6, MAC));                                // same MAC, other hardware type
        Set<Duid> keys = new HashSet<>(Set.of(a));
        assertTrue(keys.contains(b));
    }

    @Test
    void isImmutable() {
        byte[] raw = HexFormat.of().parseHex("0003000102005e102030");
        Duid d = Duid.of(raw);
        raw[9] = 0;
        d.bytes()[9] = 0;
        assertEquals("0003000102005e102030", d.toHex());
    }

    @Test
    void becomesClientOrServerIdentifierOption() {
        Duid d = Duid.ll(1, MAC);
        assertEquals(new DhcpV6Option(1, d.bytes()), d.asClientId());
        assertEquals(new DhcpV6Option(2, d.bytes()), d.asServerId());
    }
}
