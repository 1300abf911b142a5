package org.dhcpcluster.lease.v6;

/** Outcome of one IA, as the status code the reply carries in it (RFC 8415 section 21.13). */
public enum Status6 {
    SUCCESS(0),
    NO_ADDRS_AVAIL(2),
    NO_BINDING(3),
    NOT_ON_LINK(4),
    NO_PREFIX_AVAIL(6);

    private final int code;

    Status6(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** NoAddrsAvail for address IAs, NoPrefixAvail for IA_PD. */
    public static Status6 noneAvailable(IaType type) {
        return type.delegatesPrefixes() ? NO_PREFIX_AVAIL : NO_ADDRS_AVAIL;
    }
}
