package org.dhcpcluster.protocol;

/**
 * Why a datagram could not be read as a DHCP message. The family is closed so a drop
 * counter can be kept per reason ({@link #reason()}), and the message says what was wrong
 * in terms an operator can match against a packet capture.
 *
 * <p>Malformed packets are routine on a DHCP port, so these exceptions carry no stack trace:
 * building one must cost about as much as the counter increment that follows it.
 */
public abstract sealed class DecodeException extends Exception
        permits DecodeException.Truncated, DecodeException.BadMagicCookie,
                DecodeException.InvalidField, DecodeException.MalformedOption,
                DecodeException.RelayTooDeep {

    protected DecodeException(String message) {
        super(message, null, false, false);
    }

    /** A short, stable, metric-friendly name for the reason ("truncated", "bad_magic_cookie", ...). */
    public abstract String reason();

    /** The datagram ends before a fixed-size part of the message does. */
    public static final class Truncated extends DecodeException {
        public Truncated(String what, int needed, int available) {
            super(what + " needs " + needed + " bytes but only " + available + " remain");
        }

        @Override
        public String reason() {
            return "truncated";
        }
    }

    /** Bytes 236-239 are not 99.130.83.99 (RFC 2131 section 3). */
    public static final class BadMagicCookie extends DecodeException {
        public BadMagicCookie(int found) {
            super(String.format("magic cookie is 0x%08x, expected 0x63825363", found));
        }

        @Override
        public String reason() {
            return "bad_magic_cookie";
        }
    }

    /** A fixed header field holds a value the protocol does not allow (e.g. hlen > 16). */
    public static final class InvalidField extends DecodeException {
        public InvalidField(String field, String problem) {
            super(field + ": " + problem);
        }

        @Override
        public String reason() {
            return "invalid_field";
        }
    }

    /**
     * An option the message cannot be understood without (e.g. the DHCP message type) is
     * malformed. Options the server can do without are dropped individually instead and
     * listed in the message's dropped options.
     */
    public static final class MalformedOption extends DecodeException {
        private final int code;

        public MalformedOption(int code, String name, String problem) {
            super("option " + code + " (" + name + "): " + problem);
            this.code = code;
        }

        public int code() {
            return code;
        }

        @Override
        public String reason() {
            return "malformed_option";
        }
    }

    /**
     * A DHCPv6 relay message nests more relay messages than a conforming relay chain can
     * produce (RFC 8415 section 19.1.2: a relay drops a Relay-forward whose hop-count has
     * reached HOP_COUNT_LIMIT, 8, so the outermost hop-count is at most 8 and there are at
     * most 9 relay layers). Refused before the inner layers are read, so nesting costs
     * nothing to an attacker's benefit.
     */
    public static final class RelayTooDeep extends DecodeException {
        private final int limit;

        public RelayTooDeep(int limit) {
            super("relay messages are nested more than " + limit + " deep (RFC 8415 sections 7.6 and 19.1.2)");
            this.limit = limit;
        }

        /** The deepest nesting accepted. */
        public int limit() {
            return limit;
        }

        @Override
        public String reason() {
            return "relay_too_deep";
        }
    }
}
