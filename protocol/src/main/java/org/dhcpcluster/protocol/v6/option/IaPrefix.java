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
 * An IA Prefix option (RFC 8415 section 21.22), nested in an IA_PD: one delegated prefix.
 * Note the wire order differs from IAADDR: lifetimes first, then the prefix length, then
 * the 16-octet prefix.
 */
public record IaPrefix(long preferredLifetime, long validLifetime, int prefixLength, Inet6Address prefix,
                       DhcpV6Options options) {
    /** Lifetimes (4 each), prefix-length (1) and prefix (16) before the nested options. */
    public static final int FIXED_LENGTH = 25;

    public IaPrefix {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(options, "options");
        Uint32.check("preferred-lifetime", preferredLifetime);
        Uint32.check("valid-lifetime", validLifetime);
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix-length must be 0..128, is " + prefixLength);
        }
    }

    public IaPrefix(long preferredLifetime, long validLifetime, int prefixLength, Inet6Address prefix) {
        this(preferredLifetime, validLifetime, prefixLength, prefix, DhcpV6Options.empty());
    }

    /** @throws IllegalArgumentException if it is not option 26, or its prefix length or octets are wrong */
    public static IaPrefix fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.IAPREFIX) {
            throw new IllegalArgumentException("option " + option.code() + " is not IAPREFIX (26)");
        }
        byte[] v = option.value();
        if (v.length < FIXED_LENGTH) {
            throw new IllegalArgumentException("IAPREFIX needs at least " + FIXED_LENGTH + " octets, got " + v.length);
        }
        return new IaPrefix(BigEndian.u32(v, 0), BigEndian.u32(v, 4), BigEndian.u8(v, 8), Ipv6.fromBytes(v, 9),
                OptionTlvs.parse(v, FIXED_LENGTH));
    }

    public DhcpV6Option toOption() {
        return new DhcpV6Option(DhcpV6OptionCode.IAPREFIX, new OctetWriter().u32(preferredLifetime).u32(validLifetime)
                .u8(prefixLength).bytes(prefix.getAddress()).options(options).toByteArray());
    }

    public Optional<StatusCodeOption> status() {
        return options.option(DhcpV6OptionCode.STATUS_CODE).map(StatusCodeOption::fromOption);
    }

    @Override
    public String toString() {
        return "IAPREFIX[" + Ipv6.format(prefix) + "/" + prefixLength + " preferred=" + preferredLifetime
                + " valid=" + validLifetime + (options.isEmpty() ? "" : " " + options) + "]";
    }
}
