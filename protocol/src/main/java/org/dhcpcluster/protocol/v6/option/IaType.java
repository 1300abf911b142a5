package org.dhcpcluster.protocol.v6.option;

import java.util.Optional;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;

/**
 * The three kinds of identity association (RFC 8415 section 12), with their option code and
 * the size of the fixed fields before their nested options.
 */
public enum IaType {
    /** Non-temporary addresses (section 21.4): IAID, T1, T2. */
    NA(DhcpV6OptionCode.IA_NA, "IA_NA", 12),
    /** Temporary addresses (section 21.5): IAID only, no T1/T2. */
    TA(DhcpV6OptionCode.IA_TA, "IA_TA", 4),
    /** Delegated prefixes (section 21.21): IAID, T1, T2. */
    PD(DhcpV6OptionCode.IA_PD, "IA_PD", 12);

    private final int optionCode;
    private final String wireName;
    private final int fixedLength;

    IaType(int optionCode, String wireName, int fixedLength) {
        this.optionCode = optionCode;
        this.wireName = wireName;
        this.fixedLength = fixedLength;
    }

    public int optionCode() {
        return optionCode;
    }

    /** Octets of fixed fields before the nested options. */
    public int fixedLength() {
        return fixedLength;
    }

    public boolean hasTimers() {
        return this != TA;
    }

    public static Optional<IaType> ofOptionCode(int code) {
        for (IaType t : values()) {
            if (t.optionCode == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
