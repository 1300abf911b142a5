package org.dhcpcluster.lease.v4;

import java.util.Arrays;
import java.util.HexFormat;
import org.dhcpcluster.protocol.v4.DhcpV4Message;

/**
 * What identifies a DHCPv4 client (RFC 2131 section 4.2): the client identifier (option 61)
 * when it sends one (RFC 6842; as ISC DHCP and Kea do), else the hardware type and address.
 * As a holder key: a tag octet (1: hardware, 2: client identifier) then the octets, so the two
 * can never collide; as text ("hw-1-aabbccddeeff", "id-01aabbccddeeff") for logs and the API.
 */
public final class ClientKey4 {
    static final byte HARDWARE = 1;
    static final byte CLIENT_ID = 2;

    private ClientKey4() {
    }

    public static byte[] of(DhcpV4Message m) {
        return m.clientIdentifier().map(id -> tagged(CLIENT_ID, id.toOptionValue()))
                .orElseGet(() -> ofHardware(m.htype(), m.clientHardwareAddress()));
    }

    /** The key of a client known by hardware type and address. */
    public static byte[] ofHardware(int htype, byte[] chaddr) {
        byte[] key = new byte[chaddr.length + 2];
        key[0] = HARDWARE;
        key[1] = (byte) htype;
        System.arraycopy(chaddr, 0, key, 2, chaddr.length);
        return key;
    }

    public static byte[] ofClientId(byte[] clientId) {
        return tagged(CLIENT_ID, clientId);
    }

    private static byte[] tagged(byte tag, byte[] value) {
        byte[] key = new byte[value.length + 1];
        key[0] = tag;
        System.arraycopy(value, 0, key, 1, value.length);
        return key;
    }

    public static String text(byte[] key) {
        HexFormat hex = HexFormat.of();
        if (key.length >= 2 && key[0] == HARDWARE) {
            return "hw-" + (key[1] & 0xff) + "-" + hex.formatHex(key, 2, key.length);
        }
        if (key.length >= 1 && key[0] == CLIENT_ID) {
            return "id-" + hex.formatHex(key, 1, key.length);
        }
        return "key-" + hex.formatHex(key);
    }

    /** Parses the text form back into a key; throws IllegalArgumentException naming the problem. */
    public static byte[] parse(String text) {
        HexFormat hex = HexFormat.of();
        if (text.startsWith("id-")) {
            return ofClientId(hex.parseHex(text.substring(3)));
        }
        if (text.startsWith("hw-")) {
            int dash = text.indexOf('-', 3);
            if (dash > 3) {
                return ofHardware(Integer.parseInt(text.substring(3, dash)), hex.parseHex(text.substring(dash + 1)));
            }
        }
        throw new IllegalArgumentException("not a DHCPv4 client key: " + text);
    }

    /** The hardware address of a key made from one, else null. */
    public static byte[] hardwareAddress(byte[] key) {
        return key.length >= 2 && key[0] == HARDWARE ? Arrays.copyOfRange(key, 2, key.length) : null;
    }

    /** The client identifier as lower-case hex (type octet first), when the key is one. */
    public static String clientIdHex(byte[] key) {
        return key.length >= 1 && key[0] == CLIENT_ID ? HexFormat.of().formatHex(Arrays.copyOfRange(key, 1, key.length)) : null;
    }
}
