package org.dhcpcluster.protocol.v6.option;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * The Vendor Class option (RFC 8415 section 21.16): the vendor's IANA enterprise number and
 * one or more opaque class items (dhcpcd sends its version and platform here). A client may
 * send one per vendor, so messages return a list.
 */
public record VendorClass(long enterpriseNumber, List<byte[]> data) {
    /** The enterprise number before the items. */
    public static final int FIXED_LENGTH = 4;

    public VendorClass {
        Uint32.check("enterprise-number", enterpriseNumber);
        data = LengthPrefixedItems.copy(data);
    }

    /** @throws IllegalArgumentException if it is not option 16 or its items do not frame */
    public static VendorClass fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.VENDOR_CLASS) {
            throw new IllegalArgumentException("option " + option.code() + " is not a vendor class (16)");
        }
        byte[] v = option.value();
        if (v.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("a vendor class needs a 4-octet enterprise number, got " + v.length + " octets");
        }
        return new VendorClass(BigEndian.u32(v, 0), LengthPrefixedItems.read(v, FIXED_LENGTH));
    }

    public DhcpV6Option toOption() {
        OctetWriter w = new OctetWriter().u32(enterpriseNumber);
        data.forEach(w::lengthPrefixed);
        return new DhcpV6Option(DhcpV6OptionCode.VENDOR_CLASS, w.toByteArray());
    }

    @Override
    public List<byte[]> data() {
        return LengthPrefixedItems.copy(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorClass other && enterpriseNumber == other.enterpriseNumber
                && LengthPrefixedItems.equal(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(enterpriseNumber) + LengthPrefixedItems.hash(data);
    }

    @Override
    public String toString() {
        return data.stream().map(c -> new String(c, StandardCharsets.US_ASCII))
                .collect(Collectors.joining(", ", "VendorClass[" + enterpriseNumber + ": ", "]"));
    }
}
