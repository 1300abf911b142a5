package org.dhcpcluster.protocol.v6.option;

import java.util.Arrays;
import java.util.HexFormat;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * The Client Link-Layer Address option (RFC 6939 section 4), added by the first-hop relay:
 * the IANA hardware type (1 = Ethernet) and the client's link-layer address, which a DUID
 * need not reveal.
 */
public record ClientLinkLayerAddress(int linkLayerType, byte[] address) {
    public static final int MIN_LENGTH = 3;

    public ClientLinkLayerAddress {
        if (linkLayerType < 0 || linkLayerType > 0xFFFF) {
            throw new IllegalArgumentException("link-layer type is 16 bits: " + linkLayerType);
        }
        if (address.length == 0) {
            throw new IllegalArgumentException("a client link-layer address needs at least one octet");
        }
        address = address.clone();
    }

    /** @throws IllegalArgumentException if it is not option 79 or is shorter than 3 octets */
    public static ClientLinkLayerAddress fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.CLIENT_LINKLAYER_ADDR) {
            throw new IllegalArgumentException("option " + option.code() + " is not a client link-layer address (79)");
        }
        byte[] v = option.value();
        if (v.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a client link-layer address needs a type and an address, got "
                    + v.length + " octets");
        }
        return new ClientLinkLayerAddress(BigEndian.u16(v, 0), Arrays.copyOfRange(v, 2, v.length));
    }

    public DhcpV6Option toOption() {
        return new DhcpV6Option(DhcpV6OptionCode.CLIENT_LINKLAYER_ADDR,
                new OctetWriter().u16(linkLayerType).bytes(address).toByteArray());
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientLinkLayerAddress other && linkLayerType == other.linkLayerType
                && Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return 31 * linkLayerType + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return linkLayerType + "/" + HexFormat.ofDelimiter(":").formatHex(address);
    }
}
