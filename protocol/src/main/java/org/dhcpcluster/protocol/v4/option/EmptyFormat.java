package org.dhcpcluster.protocol.v4.option;

import java.util.Optional;

/** Options whose presence is the whole message (RFC 4039 rapid commit: "Len 0"). */
enum EmptyFormat implements ValueFormat {
    INSTANCE;

    @Override
    public Optional<String> validate(byte[] value) {
        return value.length == 0 ? Optional.empty() : Optional.of("carries no value, got " + value.length + " octets");
    }

    @Override
    public byte[] parseText(String text) {
        if (!text.isBlank()) {
            throw new IllegalArgumentException("takes no value, got '" + text + "'");
        }
        return new byte[0];
    }

    @Override
    public String format(byte[] value) {
        return "";
    }
}
