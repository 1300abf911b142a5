package org.dhcpcluster.protocol.v6.option;

import java.util.Arrays;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.Duid;

/**
 * The wire formats of DHCPv6 option values, each with the check the decoder applies before
 * keeping an option (RFC 8415 section 21 and each option's RFC). Formats that contain
 * options (IA_NA, IAADDR, ...) check their nested options too, against the same table,
 * so a container is only valid when everything it carries that the table knows is valid.
 */
public enum V6OptionFormat {
    /** RFC 8415 section 11.1: type plus 1 to 128 octets. */
    DUID((v, d) -> Duid.problem(v)),
    /** RFC 8415 21.4: IAID, T1, T2, options. */
    IA_NA((v, d) -> container(v, IaType.NA.fixedLength(), d)),
    /** RFC 8415 21.5: IAID, options. */
    IA_TA((v, d) -> container(v, IaType.TA.fixedLength(), d)),
    /** RFC 8415 21.21: IAID, T1, T2, options. */
    IA_PD((v, d) -> container(v, IaType.PD.fixedLength(), d)),
    /** RFC 8415 21.6: address, preferred and valid lifetime, options. */
    IAADDR((v, d) -> container(v, IaAddress.FIXED_LENGTH, d)),
    /** RFC 8415 21.22: lifetimes, prefix-length (at most 128), prefix, options. */
    IAPREFIX((v, d) -> v.length >= IaPrefix.FIXED_LENGTH && BigEndian.u8(v, 8) > 128
            ? Optional.of("prefix-length " + BigEndian.u8(v, 8) + " is over 128")
            : container(v, IaPrefix.FIXED_LENGTH, d)),
    /** RFC 8415 21.7: a list of 2-octet option codes. */
    OPTION_CODES((v, d) -> v.length % 2 == 0 ? Optional.empty()
            : Optional.of("must be a whole number of 2-octet codes, got " + v.length + " octets")),
    UINT8((v, d) -> exactly(v, 1)),
    UINT16((v, d) -> exactly(v, 2)),
    UINT32((v, d) -> exactly(v, 4)),
    /** RFC 8415 21.24 and 21.25: SOL_MAX_RT and INF_MAX_RT, "60 &lt;= value &lt;= 86400". */
    MAX_RT((v, d) -> exactly(v, 4).or(() -> between(BigEndian.u32(v, 0), 60, 86_400))),
    /** RFC 8415 21.19: the message the client must send, 5 (Renew), 6 (Rebind) or 11 (Information-request). */
    RECONFIGURE_TYPE((v, d) -> exactly(v, 1).or(() -> v[0] == 5 || v[0] == 6 || v[0] == 11 ? Optional.empty()
            : Optional.of("msg-type " + (v[0] & 0xFF) + " is not 5, 6 or 11"))),
    /** No value at all (RFC 8415 21.14 rapid commit, 21.20 reconfigure accept). */
    EMPTY((v, d) -> exactly(v, 0)),
    IPV6((v, d) -> exactly(v, 16)),
    /** One or more addresses (RFC 3646 section 3). */
    IPV6_LIST((v, d) -> v.length > 0 && v.length % 16 == 0 ? Optional.empty()
            : Optional.of("must be one or more 16-octet addresses, got " + v.length + " octets")),
    /** Zero or more addresses (RFC 7341 section 8: empty means "use multicast"). */
    IPV6_LIST_OR_EMPTY((v, d) -> v.length % 16 == 0 ? Optional.empty()
            : Optional.of("must be a whole number of 16-octet addresses, got " + v.length + " octets")),
    /** RFC 8415 21.13: a 2-octet code, then text. */
    STATUS_CODE((v, d) -> atLeast(v, StatusCodeOption.MIN_LENGTH)),
    /** RFC 8415 section 10, RFC 3646 section 4: uncompressed names. */
    DOMAIN_LIST((v, d) -> DomainNames.problem(v)),
    /** RFC 8415 21.11: 11 octets of fixed fields, then information. */
    AUTHENTICATION((v, d) -> atLeast(v, Authentication.FIXED_LENGTH)),
    /** RFC 8415 21.15: length-prefixed items. */
    USER_CLASS((v, d) -> LengthPrefixedItems.problem(v, 0)),
    /** RFC 8415 21.16: enterprise number, then length-prefixed items. */
    VENDOR_CLASS((v, d) -> atLeast(v, VendorClass.FIXED_LENGTH).or(() -> LengthPrefixedItems.problem(v, VendorClass.FIXED_LENGTH))),
    /** RFC 8415 21.17: enterprise number, then option-framed vendor data (codes are the vendor's, so only framing is checked). */
    VENDOR_OPTIONS((v, d) -> atLeast(v, VendorOptions.FIXED_LENGTH).or(() -> framing(v, VendorOptions.FIXED_LENGTH))),
    /** RFC 4649 section 3: enterprise number and at least one octet. */
    REMOTE_ID((v, d) -> atLeast(v, RemoteId.MIN_LENGTH)),
    /** RFC 6939 section 4: link-layer type and at least one octet of address. */
    LINK_LAYER_ADDRESS((v, d) -> atLeast(v, ClientLinkLayerAddress.MIN_LENGTH)),
    /** Anything, including nothing (RFC 8415 21.18 interface-id is opaque). */
    OPAQUE((v, d) -> Optional.empty()),
    /** At least one octet (RFC 4580 subscriber-id; RFC 7341 7.1 carries a whole DHCPv4 message). */
    OPAQUE_NON_EMPTY((v, d) -> atLeast(v, 1));

    /** Options inside options (IA_PD, IAPREFIX, a status code...) are never this deep in practice; deeper is refused. */
    public static final int MAX_NESTING = 8;

    @FunctionalInterface
    private interface Check {
        Optional<String> apply(byte[] value, int depth);
    }

    private final Check check;

    V6OptionFormat(Check check) {
        this.check = check;
    }

    /** Empty when {@code value} is well formed; otherwise a sentence saying what is wrong. */
    public Optional<String> validate(byte[] value) {
        return check.apply(value, 0);
    }

    Optional<String> validate(byte[] value, int depth) {
        return check.apply(value, depth);
    }

    /** Whether the value holds options that the table's other rows apply to. */
    public boolean isContainer() {
        return this == IA_NA || this == IA_TA || this == IA_PD || this == IAADDR || this == IAPREFIX;
    }

    private static Optional<String> exactly(byte[] v, int n) {
        return v.length == n ? Optional.empty() : Optional.of("must be exactly " + n + " octets, got " + v.length);
    }

    private static Optional<String> atLeast(byte[] v, int n) {
        return v.length >= n ? Optional.empty() : Optional.of("must be at least " + n + " octets, got " + v.length);
    }

    private static Optional<String> between(long value, long min, long max) {
        return value >= min && value <= max ? Optional.empty()
                : Optional.of("value " + value + " is outside " + min + ".." + max);
    }

    private static Optional<String> framing(byte[] v, int from) {
        return OptionTlvs.locate(v, from, v.length).error().map(e -> "nested " + e.describe());
    }

    /** Fixed fields of {@code fixed} octets, then options, each valid if the table knows it. */
    private static Optional<String> container(byte[] v, int fixed, int depth) {
        if (v.length < fixed) {
            return Optional.of("needs at least " + fixed + " octets of fixed fields, got " + v.length);
        }
        if (depth >= MAX_NESTING) {
            return Optional.of("options are nested more than " + MAX_NESTING + " deep");
        }
        OptionTlvs.Result r = OptionTlvs.locate(v, fixed, v.length);
        if (r.error().isPresent()) {
            return Optional.of("nested " + r.error().get().describe());
        }
        for (OptionTlvs.Located l : r.options()) {
            byte[] nested = Arrays.copyOfRange(v, l.valueOffset(), l.end());
            Optional<String> problem = DhcpV6OptionTable.validate(l.code(), nested, depth + 1);
            if (problem.isPresent()) {
                return Optional.of("nested " + DhcpV6OptionTable.nameOf(l.code()) + " (" + l.code() + ") at offset "
                        + l.offset() + ": " + problem.get());
            }
        }
        return Optional.empty();
    }
}
