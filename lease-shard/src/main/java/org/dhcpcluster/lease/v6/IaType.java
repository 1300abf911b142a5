package org.dhcpcluster.lease.v6;

/** The kinds of identity association (RFC 8415 section 12), by the code of their option. */
public enum IaType {
    /** non-temporary addresses (option 3) */
    NA(3),
    /** temporary addresses (option 4) */
    TA(4),
    /** delegated prefixes (option 25) */
    PD(25);

    private final int optionCode;

    IaType(int optionCode) {
        this.optionCode = optionCode;
    }

    public int optionCode() {
        return optionCode;
    }

    public boolean delegatesPrefixes() {
        return this == PD;
    }

    public String label() {
        return name().toLowerCase();
    }

    public static IaType fromLabel(String label) {
        return valueOf(label.toUpperCase());
    }
}
