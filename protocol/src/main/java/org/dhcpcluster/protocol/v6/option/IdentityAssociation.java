package org.dhcpcluster.protocol.v6.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * An IA_NA (RFC 8415 section 21.4), IA_TA (21.5) or IA_PD (21.21) option: the IAID that,
 * with the client's DUID, names one binding, the renewal timers T1 and T2 (absent in
 * IA_TA, so zero here), and the nested options: IAADDR or IAPREFIX per address or prefix,
 * and a Status Code when the server reports on the IA.
 */
public record IdentityAssociation(IaType type, long iaid, long t1, long t2, DhcpV6Options options) {

    public IdentityAssociation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        Uint32.check("IAID", iaid);
        Uint32.check("T1", t1);
        Uint32.check("T2", t2);
        if (!type.hasTimers() && (t1 != 0 || t2 != 0)) {
            throw new IllegalArgumentException("IA_TA carries no T1/T2 (RFC 8415 section 21.5)");
        }
    }

    public static IdentityAssociation na(long iaid, long t1, long t2, DhcpV6Options options) {
        return new IdentityAssociation(IaType.NA, iaid, t1, t2, options);
    }

    public static IdentityAssociation ta(long iaid, DhcpV6Options options) {
        return new IdentityAssociation(IaType.TA, iaid, 0, 0, options);
    }

    public static IdentityAssociation pd(long iaid, long t1, long t2, DhcpV6Options options) {
        return new IdentityAssociation(IaType.PD, iaid, t1, t2, options);
    }

    /**
     * Reads an option 3, 4 or 25.
     *
     * @throws IllegalArgumentException if it is another option or its octets do not frame
     */
    public static IdentityAssociation fromOption(DhcpV6Option option) {
        IaType type = IaType.ofOptionCode(option.code())
                .orElseThrow(() -> new IllegalArgumentException("option " + option.code() + " is not an IA option"));
        byte[] v = option.value();
        if (v.length < type.fixedLength()) {
            throw new IllegalArgumentException(type + " needs at least " + type.fixedLength() + " octets, got " + v.length);
        }
        long t1 = type.hasTimers() ? BigEndian.u32(v, 4) : 0;
        long t2 = type.hasTimers() ? BigEndian.u32(v, 8) : 0;
        return new IdentityAssociation(type, BigEndian.u32(v, 0), t1, t2, OptionTlvs.parse(v, type.fixedLength()));
    }

    public DhcpV6Option toOption() {
        OctetWriter w = new OctetWriter().u32(iaid);
        if (type.hasTimers()) {
            w.u32(t1).u32(t2);
        }
        return new DhcpV6Option(type.optionCode(), w.options(options).toByteArray());
    }

    /** The IAADDR options (section 21.6) of an IA_NA or IA_TA, in order. */
    public List<IaAddress> addresses() {
        List<IaAddress> out = new ArrayList<>();
        for (DhcpV6Option o : options.all(DhcpV6OptionCode.IAADDR)) {
            out.add(IaAddress.fromOption(o));
        }
        return out;
    }

    /** The IAPREFIX options (section 21.22) of an IA_PD, in order. */
    public List<IaPrefix> prefixes() {
        List<IaPrefix> out = new ArrayList<>();
        for (DhcpV6Option o : options.all(DhcpV6OptionCode.IAPREFIX)) {
            out.add(IaPrefix.fromOption(o));
        }
        return out;
    }

    /** The Status Code the server put on this IA (section 21.13), e.g. NoAddrsAvail or NoBinding. */
    public Optional<StatusCodeOption> status() {
        return options.option(DhcpV6OptionCode.STATUS_CODE).map(StatusCodeOption::fromOption);
    }
}
