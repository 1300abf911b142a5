package org.dhcpcluster.protocol.v4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Option 82 (RFC 3046): sub-options a relay agent adds and the server echoes back
 * unchanged in its reply. The server also reads the ones that steer it: link selection
 * (RFC 3527) chooses the subnet, server identifier override (RFC 5107) names the address
 * the client must see as the server.
 */
public record RelayAgentInformation(List<SubOption> subOptions) {
    public static final int CIRCUIT_ID = 1;                    // RFC 3046
    public static final int REMOTE_ID = 2;                     // RFC 3046
    public static final int LINK_SELECTION = 5;                // RFC 3527
    public static final int SUBSCRIBER_ID = 6;                 // RFC 3993
    public static final int RELAY_AGENT_FLAGS = 10;            // RFC 5010
    public static final int SERVER_IDENTIFIER_OVERRIDE = 11;   // RFC 5107
    public static final int RELAY_ID = 12;                     // RFC 6925

    public RelayAgentInformation {
        subOptions = List.copyOf(subOptions);
    }

    /** One sub-option: a code octet and up to 255 octets of data. */
    public record SubOption(int code, byte[] data) {
        public SubOption {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("sub-option code is one octet: " + code);
            }
            if (data.length > 255) {
                throw new IllegalArgumentException("sub-option " + code + " is longer than 255 octets");
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SubOption other && code == other.code && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return code + "=" + HexFormat.of().formatHex(data);
        }
    }

    /**
     * Reads the option value as a sequence of code/length/data sub-options.
     *
     * @throws IllegalArgumentException saying where the value is inconsistent
     */
    public static RelayAgentInformation fromOptionValue(byte[] value) {
        List<SubOption> subs = new ArrayList<>();
        int i = 0;
        while (i < value.length) {
            if (i + 2 > value.length) {
                throw new IllegalArgumentException("sub-option at offset " + i + " has no length octet");
            }
            int code = value[i] & 0xFF;
            int len = value[i + 1] & 0xFF;
            if (i + 2 + len > value.length) {
                throw new IllegalArgumentException("sub-option " + code + " at offset " + i + " claims "
                        + len + " octets but only " + (value.length - i - 2) + " remain");
            }
            subs.add(new SubOption(code, Arrays.copyOfRange(value, i + 2, i + 2 + len)));
            i += 2 + len;
        }
        return new RelayAgentInformation(subs);
    }

    public byte[] toOptionValue() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SubOption s : subOptions) {
            out.write(s.code);
            out.write(s.data.length);
            out.write(s.data, 0, s.data.length);
        }
        return out.toByteArray();
    }

    public Optional<byte[]> subOption(int code) {
        for (SubOption s : subOptions) {
            if (s.code == code) {
                return Optional.of(s.data());
            }
        }
        return Optional.empty();
    }

    public Optional<byte[]> circuitId() {
        return subOption(CIRCUIT_ID);
    }

    public Optional<byte[]> remoteId() {
        return subOption(REMOTE_ID);
    }

    /** RFC 3527: the subnet the client is on, when the relay's giaddr is not on it. */
    public Optional<java.net.Inet4Address> linkSelection() {
        return subOption(LINK_SELECTION).filter(b -> b.length == 4).map(Ipv4::fromBytes);
    }

    /** RFC 5107: the address the client must use to reach the server (the relay). */
    public Optional<java.net.Inet4Address> serverIdentifierOverride() {
        return subOption(SERVER_IDENTIFIER_OVERRIDE).filter(b -> b.length == 4).map(Ipv4::fromBytes);
    }
}
