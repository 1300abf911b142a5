package org.dhcpcluster.protocol.v6.option;

import java.net.Inet6Address;
import java.util.Objects;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * An IA Address option (RFC 8415 section 21.6), nested in an IA_NA or IA_TA: one address with
 * its preferred and valid lifetimes in seconds ({@link Lifetimes#INFINITY} for ever), and
 * its own nested options (a Status Code, when a server reports on this address).
 */
public record IaAddress(Inet6Address address, long preferredLifetime, long validLifetime, DhcpV6Options options) {
    /** Address (16) and the two lifetimes (4 each) before the nested options. */
    public static final int FIXED_LENGTH = 24;

    public IaAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        Uint32.check("preferred-lifetime", preferredLifetime);
        Uint32.check("valid-lifetime", validLifetime);
    }

    public IaAddress(Inet6Address address, long preferredLifetime, long validLifetime) {
        this(address, preferredLifetime, validLifetime, DhcpV6Options.empty());
    }

    /** @throws IllegalArgumentException if it is not option 5 or its octets do not frame */
    public static IaAddress fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.IAADDR) {
            throw new IllegalArgumentException("option " + option.code() + " is not IAADDR (5)");
        }
        byte[] v = option.value();
        if (v.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("IAADDR needs at least " + FIXED_LENGTH + " octets, got " + v.length);
        }
        return new IaAddress(Ipv6.fromBytes(v, 0), BigEndian.u32(v, 16), BigEndian.u32(v, 20),
                OptionTlvs.parse(v, FIXED_LENGTH));
    }

    public DhcpV6Option toOption() {
        return new DhcpV6Option(DhcpV6OptionCode.IAADDR, new OctetWriter().bytes(address.getAddress())
                .u32(preferredLifetime).u32(validLifetime).options(options).toByteArray());
    }

    public Optional<StatusCodeOption> status() {
        return options.option(DhcpV6OptionCode.STATUS_CODE).map(StatusCodeOption::fromOption);
    }

    @Override
    public String toString() {
        return "IAADDR[" + Ipv6.format(address) + " preferred=" + preferredLifetime + " valid=" + validLifetime
                + (options.isEmpty() ? "" : " " + options) + "]";
    }
}
