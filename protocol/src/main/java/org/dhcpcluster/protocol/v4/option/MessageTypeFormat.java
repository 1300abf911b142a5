package org.dhcpcluster.protocol.v4.option;

import java.util.Locale;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.DhcpMessageType;

/**
 * Option 53 (RFC 2132 9.6): exactly one octet. Any octet is well formed here (unknown types
 * are the server's business to ignore); text is the type's name, "DHCPDISCOVER", with or
 * without the "DHCP" prefix, or its number.
 */
enum MessageTypeFormat implements ValueFormat {
    INSTANCE;

    @Override
    public Optional<String> validate(byte[] value) {
        return value.length == 1 ? Optional.empty()
                : Optional.of("the message type is exactly 1 octet, got " + value.length);
    }

    @Override
    public byte[] parseText(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (int code = 1; code <= 255; code++) {
            DhcpMessageType type = DhcpMessageType.valueOf(code);
            if (!type.isKnown()) {
                break;
            }
            if (type.name().equals(t) || type.name().equals("DHCP" + t)) {
                return new byte[] {(byte) code};
            }
        }
        String number = t.startsWith("UNKNOWN(") && t.endsWith(")") ? t.substring(8, t.length() - 1) : t;
        try {
            return new byte[] {(byte) IntegerFormat.parseDecimal(number, 0, 255)};
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a DHCP message type name (e.g. DHCPOFFER) or number 0..255");
        }
    }

    @Override
    public String format(byte[] value) {
        return DhcpMessageType.valueOf(value[0] & 0xFF).name();
    }
}
