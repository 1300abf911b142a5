package org.dhcpcluster.node.config;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dhcpcluster.lease.v6.policy.OptionData6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.protocol.v6.option.DomainNames;

/**
 * Reads a v6 {@code options { name = value }} block into encoded option values, as Kea's
 * option-data does: {@code dns-servers = ["2001:db8::53"]} (option 23),
 * {@code domain-search = ["example.com"]} (24, RFC 1035 names through the protocol's
 * {@link DomainNames}), {@code sntp-servers} (31),
 * {@code information-refresh-time = 3600} (32), or {@code "65001" = "01:02:03"} (any option by
 * code, value as hex).
 */
final class OptionData6Reader {
    static final int DNS_SERVERS = 23;
    static final int DOMAIN_LIST = 24;
    static final int SNTP_SERVERS = 31;
    static final int INFORMATION_REFRESH_TIME = 32;
    static final int DHCP4_O_DHCP6_SERVER = 88;

    /** Options the server composes itself from other settings; configuring them would contradict those. */
    private static final Set<Integer> SERVER_SET = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 18, 19, 20, 25, 26, 79, 87);

    private OptionData6Reader() {
    }

    /** The inherited options with this block's entries added or replacing them by code. */
    static List<OptionData6> read(Optional<Section> section, List<OptionData6> inherited) {
        if (section.isEmpty()) {
            return inherited;
        }
        Section s = section.get();
        Map<Integer, OptionData6> byCode = new LinkedHashMap<>();
        inherited.forEach(o -> byCode.put(o.code(), o));
        for (String[] entry : s.entries()) {
            String name = entry[0];
            OptionData6 option = switch (name) {
                case "dns-servers" -> new OptionData6(DNS_SERVERS, addresses(s, name));
                case "sntp-servers" -> new OptionData6(SNTP_SERVERS, addresses(s, name));
                // RFC 7341 section 8: where 4o6 clients send DHCPV4-QUERY ([] = to ff02::1:2).
                case "dhcp4o6-server-addresses" -> new OptionData6(DHCP4_O_DHCP6_SERVER, addressesOrNone(s, name));
                case "domain-search" -> new OptionData6(DOMAIN_LIST, s.parse(name, entry[1], t -> DomainNames.encode(s.strings(name))));
                case "information-refresh-time" -> new OptionData6(INFORMATION_REFRESH_TIME,
                        ByteBuffer.allocate(4).putInt((int) s.duration(name).toSeconds()).array());
                default -> byCode(s, name, entry[1]);
            };
            byCode.put(option.code(), option);
        }
        return List.copyOf(byCode.values());
    }

    private static OptionData6 byCode(Section s, String name, String text) {
        if (!name.chars().allMatch(Character::isDigit) || name.isEmpty()) {
            throw s.error(name, "is not a known DHCPv6 option name (dns-servers, domain-search, sntp-servers, "
                    + "information-refresh-time, dhcp4o6-server-addresses), nor an option code with a hex value");
        }
        int code = Integer.parseInt(name);
        if (code < 1 || code > 65535) {
            throw s.error(name, "option codes are 1..65535");
        }
        if (SERVER_SET.contains(code)) {
            throw s.error(name, "option " + code + " is set by the server itself (identities, IAs, status, relay options)");
        }
        return new OptionData6(code, s.parse(name, text, OptionData6Reader::hex));
    }

    private static byte[] addressesOrNone(Section s, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String a : s.strings(name)) {
            out.writeBytes(s.parse(name, a, Address128::parse).toBytes());
        }
        return out.toByteArray();
    }

    private static byte[] addresses(Section s, String name) {
        byte[] all = addressesOrNone(s, name);
        if (all.length == 0) {
            throw s.error(name, "needs at least one address");
        }
        return all;
    }

    static byte[] hex(String text) {
        String compact = text.replace(":", "").replace(" ", "");
        if (compact.isEmpty() || compact.length() % 2 != 0) {
            throw new IllegalArgumentException("is not hex octets (e.g. \"01:02:0a\")");
        }
        return HexFormat.of().parseHex(compact);
    }
}
