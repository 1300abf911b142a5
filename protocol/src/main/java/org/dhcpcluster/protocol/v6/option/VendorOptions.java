package org.dhcpcluster.protocol.v6.option;

import java.util.List;
import java.util.Objects;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * The Vendor-specific Information option (RFC 8415 section 21.17): an enterprise number and
 * that vendor's own options, framed like DHCPv6 options (2-octet code and length) but with
 * codes only the vendor defines, so they are kept raw. One per vendor, so messages return a list.
 */
public record VendorOptions(long enterpriseNumber, DhcpV6Options subOptions) {
    public static final int FIXED_LENGTH = 4;

    public VendorOptions {
        Uint32.check("enterprise-number", enterpriseNumber);
        Objects.requireNonNull(subOptions, "subOptions");
    }

    /** @throws IllegalArgumentException if it is not option 17 or its sub-options do not frame */
    public static VendorOptions fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.VENDOR_OPTS) {
            throw new IllegalArgumentException("option " + option.code() + " is not vendor options (17)");
        }
        byte[] v = option.value();
        if (v.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("vendor options need a 4-octet enterprise number, got " + v.length + " octets");
        }
        return new VendorOptions(BigEndian.u32(v, 0), OptionTlvs.parse(v, FIXED_LENGTH));
    }

    public DhcpV6Option toOption() {
        return new DhcpV6Option(DhcpV6OptionCode.VENDOR_OPTS,
                new OctetWriter().u32(enterpriseNumber).options(subOptions).toByteArray());
    }

    /** The vendor's sub-options with this code, in order. */
    public List<DhcpV6Option> subOptions(int code) {
        return subOptions.all(code);
    }
}
