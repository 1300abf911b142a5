package org.dhcpcluster.protocol.v4.option;

import java.util.Optional;

/**
 * Option 61 (RFC 2132 9.14): a type octet then the identifier, "minimum length 2". RFC 4361
 * (type 255, IAID, DUID) is the same octets, so it needs no separate check here; the
 * {@link org.dhcpcluster.protocol.v4.ClientIdentifier} value reads it. Text is hex of the
 * whole value, type octet first, as Kea writes client ids.
 */
enum ClientIdentifierFormat implements ValueFormat {
    INSTANCE;

    @Override
    public Optional<String> validate(byte[] value) {
        return value.length >= 2 ? Optional.empty()
                : Optional.of("a client identifier is a type octet and at least 1 more octet, got " + value.length);
    }

    @Override
    public byte[] parseText(String text) {
        return HexBytesFormat.parseHex(text);
    }

    @Override
    public String format(byte[] value) {
        return HexBytesFormat.INSTANCE.format(value);
    }
}
