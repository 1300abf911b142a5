package org.dhcpcluster.node.config;

import java.util.Optional;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.option.DhcpV4OptionTable;
import org.dhcpcluster.protocol.v4.option.OptionDefinition;
import org.dhcpcluster.protocol.v4.option.OptionType;

/**
 * Reads an {@code options { name = value }} block into wire-ready option values, using the
 * protocol's option table for names and value syntax, as Kea's option-data does: e.g.
 * {@code routers = "192.0.2.1"}, {@code domain-name-servers = ["192.0.2.53", "192.0.2.54"]},
 * {@code "224" = "01:02:03"} (an option without a name, as hex).
 */
final class OptionDataReader {
    private OptionDataReader() {
    }

    static DhcpV4Options read(Optional<Section> section, DhcpV4Options inherited) {
        if (section.isEmpty()) {
            return inherited;
        }
        Section s = section.get();
        DhcpV4Options.Builder b = inherited.toBuilder();
        for (String[] entry : s.entries()) {
            String name = entry[0];
            String text = entry[1];
            OptionDefinition def = definition(s, name);
            if (def.code() == OptionCode.DHCP_MESSAGE_TYPE || def.code() == OptionCode.SERVER_IDENTIFIER
                    || def.code() == OptionCode.IP_ADDRESS_LEASE_TIME || def.code() == OptionCode.OPTION_OVERLOAD
                    || def.code() == OptionCode.RENEWAL_TIME || def.code() == OptionCode.REBINDING_TIME) {
                throw s.error(name, "is set by the server itself; use the lease-time / renewal-time / rebinding-time "
                        + "or service-address settings instead");
            }
            b.put(def.code(), s.parse(name, text, def.type()::parseText));
        }
        return b.build();
    }

    private static OptionDefinition definition(Section s, String name) {
        Optional<OptionDefinition> byName = DhcpV4OptionTable.byName(name);
        if (byName.isPresent()) {
            return byName.get();
        }
        if (name.chars().allMatch(Character::isDigit)) {
            int code = Integer.parseInt(name);
            if (code < 1 || code > 254) {
                throw s.error(name, "option codes are 1..254");
            }
            return DhcpV4OptionTable.byCode(code).orElse(new OptionDefinition(code, "option-" + code, OptionType.BYTES));
        }
        throw s.error(name, "is not a known DHCPv4 option name (use a name such as routers, domain-name-servers, "
                + "or the option code as a number with a hex value)");
    }
}
