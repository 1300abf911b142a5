package org.dhcpcluster.protocol.v4.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.RelayAgentInformation;
import org.dhcpcluster.protocol.v4.RelayAgentInformation.SubOption;

/**
 * Option 82 (RFC 3046 section 2.0): one or more sub-option TLVs that must add up exactly to
 * the option length. Sub-options the server acts on are also checked for their fixed length:
 * link selection (RFC 3527 section 3) and server identifier override (RFC 5107 section 4) are
 * 4-octet addresses, because acting on a wrong-length one would pick a subnet or server id
 * from garbage.
 *
 * <p>Text: comma-separated {@code name=value}, with names for the common sub-options
 * (circuit-id, remote-id, link-selection, subscriber-id, relay-agent-flags,
 * server-id-override, relay-id) or the bare sub-option number; addresses for link selection
 * and server identifier override, hex for everything else. Example:
 * {@code circuit-id=65:74:68:30, link-selection=198.18.0.0}.
 */
enum RelayAgentInformationFormat implements ValueFormat {
    INSTANCE;

    private static final String[] NAMES = new String[256];

    static {
        NAMES[RelayAgentInformation.CIRCUIT_ID] = "circuit-id";
        NAMES[RelayAgentInformation.REMOTE_ID] = "remote-id";
        NAMES[RelayAgentInformation.LINK_SELECTION] = "link-selection";
        NAMES[RelayAgentInformation.SUBSCRIBER_ID] = "subscriber-id";
        NAMES[RelayAgentInformation.RELAY_AGENT_FLAGS] = "relay-agent-flags";
        NAMES[RelayAgentInformation.SERVER_IDENTIFIER_OVERRIDE] = "server-id-override";
        NAMES[RelayAgentInformation.RELAY_ID] = "relay-id";
    }

    @Override
    public Optional<String> validate(byte[] value) {
        if (value.length < 2) {
            return Optional.of("needs at least one sub-option (2 octets or more), got " + value.length + " octets");
        }
        RelayAgentInformation info;
        try {
            info = RelayAgentInformation.fromOptionValue(value);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        for (SubOption s : info.subOptions()) {
            if (isAddress(s.code()) && s.data().length != 4) {
                return Optional.of("sub-option " + s.code() + " (" + NAMES[s.code()] + ") is an IPv4 address, 4 octets, got "
                        + s.data().length);
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] parseText(String text) {
        List<SubOption> subs = new ArrayList<>();
        for (String item : TextLists.split(text)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + item + "' should be name=value, e.g. circuit-id=01:02");
            }
            int code = code(item.substring(0, eq).trim());
            String v = item.substring(eq + 1).trim();
            byte[] data = isAddress(code) ? Ipv4.parse(v).getAddress() : HexBytesFormat.parseHex(v);
            if (data.length > 255) {
                throw new IllegalArgumentException("sub-option " + code + " is longer than 255 octets");
            }
            subs.add(new SubOption(code, data));
        }
        return new RelayAgentInformation(subs).toOptionValue();
    }

    @Override
    public String format(byte[] value) {
        List<String> items = new ArrayList<>();
        for (SubOption s : RelayAgentInformation.fromOptionValue(value).subOptions()) {
            String name = NAMES[s.code()] != null ? NAMES[s.code()] : Integer.toString(s.code());
            String v = isAddress(s.code()) ? Ipv4.fromBytes(s.data()).getHostAddress()
                    : HexBytesFormat.INSTANCE.format(s.data());
            items.add(name + "=" + v);
        }
        return TextLists.join(items);
    }

    private static boolean isAddress(int code) {
        return code == RelayAgentInformation.LINK_SELECTION || code == RelayAgentInformation.SERVER_IDENTIFIER_OVERRIDE;
    }

    private static int code(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (n.equals(NAMES[i])) {
                return i;
            }
        }
        try {
            return (int) IntegerFormat.parseDecimal(n, 0, 255);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown relay agent sub-option '" + name + "' (use a name like circuit-id or a number 0..255)");
        }
    }
}
