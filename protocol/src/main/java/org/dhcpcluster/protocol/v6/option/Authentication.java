package org.dhcpcluster.protocol.v6.option;

import java.util.Arrays;
import java.util.HexFormat;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * The Authentication option (RFC 8415 section 21.11): protocol, algorithm, replay detection
 * method and the 8-octet replay detection value, then protocol-specific information. The
 * server uses it for Reconfigure Key authentication (section 20.4); checking it is the
 * server's business, this only carries the fields.
 */
public record Authentication(int protocol, int algorithm, int replayDetectionMethod, long replayDetection,
                             byte[] information) {
    /** Protocol, algorithm, RDM (1 each) and replay detection (8) before the information. */
    public static final int FIXED_LENGTH = 11;
    /** Section 20.4: the Reconfigure Key Authentication Protocol. */
    public static final int PROTOCOL_RECONFIGURE_KEY = 3;

    public Authentication {
        for (int field : new int[] {protocol, algorithm, replayDetectionMethod}) {
            if (field < 0 || field > 255) {
                throw new IllegalArgumentException("protocol, algorithm and RDM are one octet each: " + field);
            }
        }
        information = information.clone();
    }

    /** @throws IllegalArgumentException if it is not option 11 or is shorter than 11 octets */
    public static Authentication fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.AUTH) {
            throw new IllegalArgumentException("option " + option.code() + " is not authentication (11)");
        }
        byte[] v = option.value();
        if (v.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("authentication needs at least " + FIXED_LENGTH + " octets, got " + v.length);
        }
        return new Authentication(BigEndian.u8(v, 0), BigEndian.u8(v, 1), BigEndian.u8(v, 2), BigEndian.u64(v, 3),
                Arrays.copyOfRange(v, FIXED_LENGTH, v.length));
    }

    public DhcpV6Option toOption() {
        return new DhcpV6Option(DhcpV6OptionCode.AUTH, new OctetWriter().u8(protocol).u8(algorithm)
                .u8(replayDetectionMethod).u64(replayDetection).bytes(information).toByteArray());
    }

    @Override
    public byte[] information() {
        return information.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Authentication a && protocol == a.protocol && algorithm == a.algorithm
                && replayDetectionMethod == a.replayDetectionMethod && replayDetection == a.replayDetection
                && Arrays.equals(information, a.information);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(information) + 31 * Long.hashCode(replayDetection) + protocol;
    }

    @Override
    public String toString() {
        return "Authentication[protocol=" + protocol + " algorithm=" + algorithm + " rdm=" + replayDetectionMethod
                + " replay=" + Long.toUnsignedString(replayDetection) + " info=" + HexFormat.of().formatHex(information) + "]";
    }
}
