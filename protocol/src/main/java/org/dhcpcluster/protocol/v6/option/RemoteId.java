package org.dhcpcluster.protocol.v6.option;

import java.util.Arrays;
import java.util.HexFormat;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * The Relay Agent Remote-ID option (RFC 4649 section 3) a relay adds to its Relay-forward:
 * the relay vendor's enterprise number and an identifier of the remote host end of the
 * circuit (a modem, a subscriber line), at least one octet.
 */
public record RemoteId(long enterpriseNumber, byte[] remoteId) {
    public static final int MIN_LENGTH = 5;

    public RemoteId {
        Uint32.check("enterprise-number", enterpriseNumber);
        if (remoteId.length == 0) {
            throw new IllegalArgumentException("remote-id needs at least one octet (RFC 4649 section 3)");
        }
        remoteId = remoteId.clone();
    }

    /** @throws IllegalArgumentException if it is not option 37 or is shorter than 5 octets */
    public static RemoteId fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.REMOTE_ID) {
            throw new IllegalArgumentException("option " + option.code() + " is not a remote-id (37)");
        }
        byte[] v = option.value();
        if (v.length < MIN_LENGTH) {
            throw new IllegalArgumentException("remote-id needs an enterprise number and at least one octet, got "
                    + v.length + " octets");
        }
        return new RemoteId(BigEndian.u32(v, 0), Arrays.copyOfRange(v, 4, v.length));
    }

    public DhcpV6Option toOption() {
        return new DhcpV6Option(DhcpV6OptionCode.REMOTE_ID, new OctetWriter().u32(enterpriseNumber).bytes(remoteId).toByteArray());
    }

    @Override
    public byte[] remoteId() {
        return remoteId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteId other && enterpriseNumber == other.enterpriseNumber
                && Arrays.equals(remoteId, other.remoteId);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(enterpriseNumber) + Arrays.hashCode(remoteId);
    }

    @Override
    public String toString() {
        return "RemoteId[" + enterpriseNumber + ":" + HexFormat.of().formatHex(remoteId) + "]";
    }
}
