package org.dhcpcluster.protocol.v6;

/**
 * An option the decoder found malformed and left out rather than dropping the whole
 * message, because the server can answer without it. Kept on the message so that
 * "absent" and "malformed" stay distinguishable, and so the drop can be counted and logged.
 */
public record DroppedOption(int code, String reason) {
    @Override
    public String toString() {
        return "option " + code + ": " + reason;
    }
}
