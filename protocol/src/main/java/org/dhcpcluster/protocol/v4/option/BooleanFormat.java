package org.dhcpcluster.protocol.v4.option;

import java.util.Locale;
import java.util.Optional;

/** RFC 2132 flag options: one octet, "a value of 0 ... disable, 1 ... enable"; anything else is malformed. */
enum BooleanFormat implements ValueFormat {
    INSTANCE;

    @Override
    public Optional<String> validate(byte[] value) {
        if (value.length != 1) {
            return Optional.of("a boolean is 1 octet, got " + value.length);
        }
        return value[0] == 0 || value[0] == 1 ? Optional.empty()
                : Optional.of("a boolean is 0 or 1, got " + (value[0] & 0xFF));
    }

    @Override
    public byte[] parseText(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "1":
                return new byte[] {1};
            case "false":
            case "0":
                return new byte[] {0};
            default:
                throw new IllegalArgumentException("'" + text + "' is not a boolean (true, false, 1 or 0)");
        }
    }

    @Override
    public String format(byte[] value) {
        return value[0] == 1 ? "true" : "false";
    }
}
