package org.dhcpcluster.protocol.v4;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Option 61 (RFC 2132 section 9.14): a type octet and an identifier. Type 255 is the
 * RFC 4361 form used by dual-stack clients: a 4-octet IAID followed by a DHCPv6 DUID, so
 * the same DUID names the client in both protocols.
 */
public record ClientIdentifier(int type, byte[] identifier) {
    public static final int TYPE_RFC4361 = 255;

    public ClientIdentifier {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("client identifier type is one octet: " + type);
        }
        identifier = identifier.clone();
    }

    /**
     * Reads the option value: type octet then at least one identifier octet (RFC 2132 requires
     * a length of 2 or more).
     */
    public static ClientIdentifier fromOptionValue(byte[] value) {
        if (value.length < 2) {
            throw new IllegalArgumentException("client identifier needs at least 2 octets, has " + value.length);
        }
        return new ClientIdentifier(value[0] & 0xFF, Arrays.copyOfRange(value, 1, value.length));
    }

    public byte[] toOptionValue() {
        byte[] out = new byte[identifier.length + 1];
        out[0] = (byte) type;
        System.arraycopy(identifier, 0, out, 1, identifier.length);
        return out;
    }

    @Override
    public byte[] identifier() {
        return identifier.clone();
    }

    public boolean isRfc4361() {
        return type == TYPE_RFC4361 && identifier.length >= 4 + 2;
    }

    /** The IAID of an RFC 4361 identifier. */
    public Optional<Long> iaid() {
        if (!isRfc4361()) {
            return Optional.empty();
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | (identifier[i] & 0xFF);
        }
        return Optional.of(v);
    }

    /** The DHCPv6 DUID of an RFC 4361 identifier. */
    public Optional<byte[]> duid() {
        return isRfc4361() ? Optional.of(Arrays.copyOfRange(identifier, 4, identifier.length)) : Optional.empty();
    }

    /** Lower-case hex of the whole option value ("01:aa:bb..." without separators), for keys and logs. */
    public String toHex() {
        return HexFormat.of().formatHex(toOptionValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientIdentifier other && type == other.type && Arrays.equals(identifier, other.identifier);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(identifier);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
