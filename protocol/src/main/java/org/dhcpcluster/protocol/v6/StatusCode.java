package org.dhcpcluster.protocol.v6;

/**
 * The status-code field of the Status Code option (RFC 8415 section 21.13; the values are
 * listed in section 7.5, NoPrefixAvail included since prefix delegation joined the base
 * specification). An open value type, like
 * {@link DhcpV6MessageType}: a code the server does not know keeps its number.
 */
public record StatusCode(int code, String name) {
    public static final StatusCode SUCCESS = new StatusCode(0, "Success");
    public static final StatusCode UNSPEC_FAIL = new StatusCode(1, "UnspecFail");
    public static final StatusCode NO_ADDRS_AVAIL = new StatusCode(2, "NoAddrsAvail");
    public static final StatusCode NO_BINDING = new StatusCode(3, "NoBinding");
    public static final StatusCode NOT_ON_LINK = new StatusCode(4, "NotOnLink");
    public static final StatusCode USE_MULTICAST = new StatusCode(5, "UseMulticast");
    public static final StatusCode NO_PREFIX_AVAIL = new StatusCode(6, "NoPrefixAvail");

    private static final StatusCode[] KNOWN = {
        SUCCESS, UNSPEC_FAIL, NO_ADDRS_AVAIL, NO_BINDING, NOT_ON_LINK, USE_MULTICAST, NO_PREFIX_AVAIL
    };

    public StatusCode {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status code is 16 bits: " + code);
        }
    }

    /** The constant for a known code, or "UNKNOWN(n)". */
    public static StatusCode valueOf(int code) {
        return code >= 0 && code < KNOWN.length ? KNOWN[code] : new StatusCode(code, "UNKNOWN(" + code + ")");
    }

    public boolean isSuccess() {
        return code == 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
