package org.dhcpcluster.protocol.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ipv4Test {

    @Test
    void parsesDottedQuadWithoutDns() {
        assertEquals(0xC0000201, Ipv4.toInt(Ipv4.parse("192.0.2.1")));
        assertEquals("255.255.255.255", Ipv4.format(Ipv4.toInt(Ipv4.BROADCAST)));
    }

    @Test
    void rejectsNonAsciiDigits() {
        // Character.isDigit accepts these; an address in config must be plain ASCII.
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("\u0661.2.3.4"));
        assertThrows(IllegalArgumentException.class, () -> Ipv4.parse("1.2.3.\uff14"));
    }

    @Test
    void rejectsSixteenBytesWithAClearMessageInsteadOfClassCastException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4.fromBytes(new byte[16]));
        assertTrue(e.getMessage().contains("4 bytes, got 16"));
    }
}
