package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.KryoException;

/**
 * A payload that claims more than it carries (a length or count larger than the bytes left)
 * or nests deeper than any message here does: refused before anything is allocated for it.
 */
final class RefusedPayloadException extends KryoException {
    private final String reason;

    RefusedPayloadException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** A short name for the log line and the metric tag: {@code oversized_length}, {@code too_deep}. */
    String reason() {
        return reason;
    }
}
