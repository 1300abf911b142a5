package org.dhcpcluster.protocol.v4.option;

import static org.dhcpcluster.protocol.v4.option.OptionType.BOOLEAN;
import static org.dhcpcluster.protocol.v4.option.OptionType.BYTES;
import static org.dhcpcluster.protocol.v4.option.OptionType.CLASSLESS_ROUTES;
import static org.dhcpcluster.protocol.v4.option.OptionType.CLIENT_IDENTIFIER;
import static org.dhcpcluster.protocol.v4.option.OptionType.DOMAIN_LIST;
import static org.dhcpcluster.protocol.v4.option.OptionType.EMPTY;
import static org.dhcpcluster.protocol.v4.option.OptionType.FQDN;
import static org.dhcpcluster.protocol.v4.option.OptionType.INT32;
import static org.dhcpcluster.protocol.v4.option.OptionType.IPV4;
import static org.dhcpcluster.protocol.v4.option.OptionType.IPV4_LIST;
import static org.dhcpcluster.protocol.v4.option.OptionType.IPV4_PAIRS;
import static org.dhcpcluster.protocol.v4.option.OptionType.MESSAGE_TYPE;
import static org.dhcpcluster.protocol.v4.option.OptionType.RELAY_AGENT_INFORMATION;
import static org.dhcpcluster.protocol.v4.option.OptionType.TEXT;
import static org.dhcpcluster.protocol.v4.option.OptionType.UINT16;
import static org.dhcpcluster.protocol.v4.option.OptionType.UINT16_LIST;
import static org.dhcpcluster.protocol.v4.option.OptionType.UINT32;
import static org.dhcpcluster.protocol.v4.option.OptionType.UINT8;
import static org.dhcpcluster.protocol.v4.option.OptionType.UINT8_LIST;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DHCPv4 options the server knows, as data (the model is Kea's std_option_defs.h): every
 * RFC 2132 option (1-76) and the later ones a server meets in practice. Names are Kea's, so
 * an operator's Kea configuration reads the same here. Codes not in the table are still
 * carried, as raw bytes; the decoder only validates the ones listed.
 *
 * <p>Not listed on purpose: 0 (PAD) and 255 (END), which are wire framing, not options.
 */
public final class DhcpV4OptionTable {
    private static final List<OptionDefinition> ALL = List.of(
            // RFC 2132 section 3: vendor extensions from RFC 1497
            def(1, "subnet-mask", IPV4),
            def(2, "time-offset", INT32),
            def(3, "routers", IPV4_LIST),
            def(4, "time-servers", IPV4_LIST),
            def(5, "name-servers", IPV4_LIST),
            def(6, "domain-name-servers", IPV4_LIST),
            def(7, "log-servers", IPV4_LIST),
            def(8, "cookie-servers", IPV4_LIST),
            def(9, "lpr-servers", IPV4_LIST),
            def(10, "impress-servers", IPV4_LIST),
            def(11, "resource-location-servers", IPV4_LIST),
            def(12, "host-name", TEXT),
            def(13, "boot-size", UINT16),
            def(14, "merit-dump", TEXT),
            def(15, "domain-name", TEXT),
            def(16, "swap-server", IPV4),
            def(17, "root-path", TEXT),
            def(18, "extensions-path", TEXT),
            // RFC 2132 section 4: IP layer parameters per host
            def(19, "ip-forwarding", BOOLEAN),
            def(20, "non-local-source-routing", BOOLEAN),
            def(21, "policy-filter", IPV4_PAIRS),
            def(22, "max-dgram-reassembly", UINT16, ValueRule.between(576, 0xFFFF)),   // 4.2: minimum 576
            def(23, "default-ip-ttl", UINT8, ValueRule.between(1, 255)),              // 4.3: 1..255
            def(24, "path-mtu-aging-timeout", UINT32),
            def(25, "path-mtu-plateau-table", UINT16_LIST, ValueRule.eachAtLeast(68)), // 4.5: MTUs >= 68
            // RFC 2132 section 5: IP layer parameters per interface
            def(26, "interface-mtu", UINT16, ValueRule.between(68, 0xFFFF)),          // 5.1: minimum 68
            def(27, "all-subnets-local", BOOLEAN),
            def(28, "broadcast-address", IPV4),
            def(29, "perform-mask-discovery", BOOLEAN),
            def(30, "mask-supplier", BOOLEAN),
            def(31, "router-discovery", BOOLEAN),
            def(32, "router-solicitation-address", IPV4),
            def(33, "static-routes", IPV4_PAIRS),
            // RFC 2132 sections 6 and 7: link and TCP parameters
            def(34, "trailer-encapsulation", BOOLEAN),
            def(35, "arp-cache-timeout", UINT32),
            def(36, "ieee802-3-encapsulation", BOOLEAN),
            def(37, "default-tcp-ttl", UINT8, ValueRule.between(1, 255)),             // 7.1: minimum 1
            def(38, "tcp-keepalive-interval", UINT32),
            def(39, "tcp-keepalive-garbage", BOOLEAN),
            // RFC 2132 section 8: application and service parameters
            def(40, "nis-domain", TEXT),
            def(41, "nis-servers", IPV4_LIST),
            def(42, "ntp-servers", IPV4_LIST),
            def(43, "vendor-encapsulated-options", BYTES, ValueRule.minLength(1)),
            def(44, "netbios-name-servers", IPV4_LIST),
            def(45, "netbios-dd-server", IPV4_LIST),
            def(46, "netbios-node-type", UINT8, ValueRule.oneOf(1, 2, 4, 8)),         // 8.7: B, P, M, H
            def(47, "netbios-scope", TEXT),
            def(48, "font-servers", IPV4_LIST),
            def(49, "x-display-manager", IPV4_LIST),
            // RFC 2132 section 9: DHCP extensions
            def(50, "dhcp-requested-address", IPV4),
            def(51, "dhcp-lease-time", UINT32),
            def(52, "dhcp-option-overload", UINT8, ValueRule.between(1, 3)),          // 9.3: 1 file, 2 sname, 3 both
            def(53, "dhcp-message-type", MESSAGE_TYPE),
            def(54, "dhcp-server-identifier", IPV4),
            def(55, "dhcp-parameter-request-list", UINT8_LIST),
            def(56, "dhcp-message", TEXT),
            def(57, "dhcp-max-message-size", UINT16, ValueRule.between(576, 0xFFFF)), // 9.10: minimum 576
            def(58, "dhcp-renewal-time", UINT32),
            def(59, "dhcp-rebinding-time", UINT32),
            def(60, "vendor-class-identifier", TEXT),
            def(61, "dhcp-client-identifier", CLIENT_IDENTIFIER),
            def(62, "nwip-domain-name", TEXT),                                        // RFC 2242
            def(63, "nwip-suboptions", BYTES, ValueRule.minLength(1)),                // RFC 2242
            def(64, "nisplus-domain-name", TEXT),
            def(65, "nisplus-servers", IPV4_LIST),
            def(66, "tftp-server-name", TEXT),
            def(67, "boot-file-name", TEXT),
            def(68, "mobile-ip-home-agent", IPV4_LIST, ValueRule.emptyAllowed()),     // 8.3: "minimum length 0"
            def(69, "smtp-server", IPV4_LIST),
            def(70, "pop-server", IPV4_LIST),
            def(71, "nntp-server", IPV4_LIST),
            def(72, "www-server", IPV4_LIST),
            def(73, "finger-server", IPV4_LIST),
            def(74, "irc-server", IPV4_LIST),
            def(75, "streettalk-server", IPV4_LIST),
            def(76, "streettalk-directory-assistance-server", IPV4_LIST),
            // Later RFCs
            def(77, "user-class", BYTES, ValueRule.minLength(1)),                     // RFC 3004 (Windows sends plain text)
            def(80, "rapid-commit", EMPTY),                                           // RFC 4039
            def(81, "fqdn", FQDN),                                                    // RFC 4702
            def(82, "dhcp-agent-options", RELAY_AGENT_INFORMATION),                   // RFC 3046
            def(90, "authenticate", BYTES, ValueRule.minLength(11)),                  // RFC 3118: 3 octets + 8 replay + info
            def(93, "client-system", UINT16_LIST),                                    // RFC 4578 2.1
            def(94, "client-ndi", BYTES, ValueRule.exactLength(3)),                   // RFC 4578 2.2: type, major, minor
            def(97, "uuid-guid", BYTES, ValueRule.exactLength(17)),                   // RFC 4578 2.3: type 0 + 16-octet UUID
            def(108, "v6-only-preferred", UINT32),                                    // RFC 8925
            def(114, "v4-captive-portal", TEXT),                                      // RFC 8910
            def(116, "auto-config", UINT8, ValueRule.between(0, 1)),                  // RFC 2563
            def(118, "subnet-selection", IPV4),                                       // RFC 3011
            def(119, "domain-search", DOMAIN_LIST),                                   // RFC 3397
            def(121, "classless-static-route", CLASSLESS_ROUTES),                     // RFC 3442
            def(124, "vivco-suboptions", BYTES, ValueRule.minLength(5)),              // RFC 3925: enterprise + length
            def(125, "vivso-suboptions", BYTES, ValueRule.minLength(5)),              // RFC 3925
            def(150, "tftp-server-address", IPV4_LIST),                               // RFC 5859
            def(252, "wpad", TEXT));                                                  // draft-ietf-wrec-wpad

    private static final OptionDefinition[] BY_CODE = new OptionDefinition[256];
    private static final Map<String, OptionDefinition> BY_NAME = new HashMap<>();

    static {
        for (OptionDefinition d : ALL) {
            if (BY_CODE[d.code()] != null || BY_NAME.put(d.name(), d) != null) {
                throw new ExceptionInInitializerError("duplicate option table entry " + d.code() + " " + d.name());
            }
            BY_CODE[d.code()] = d;
        }
    }

    private DhcpV4OptionTable() {
    }

    private static OptionDefinition def(int code, String name, OptionType type) {
        return new OptionDefinition(code, name, type);
    }

    private static OptionDefinition def(int code, String name, OptionType type, ValueRule rule) {
        return new OptionDefinition(code, name, type, rule);
    }

    public static Optional<OptionDefinition> byCode(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /** Case-insensitive, as configuration keys are written by people. */
    public static Optional<OptionDefinition> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Every definition, by ascending code. */
    public static List<OptionDefinition> all() {
        return ALL;
    }

    /** The name of a known code, or "option-N" for an unknown one, for log lines. */
    public static String nameOf(int code) {
        return byCode(code).map(OptionDefinition::name).orElse("option-" + code);
    }

    /**
     * "name=value text" for log lines and the lease API; unknown codes (and values their
     * definition rejects) are shown as colon hex.
     */
    public static String describe(int code, byte[] value) {
        return nameOf(code) + "=" + byCode(code).map(d -> d.format(value))
                .orElseGet(() -> HexFormat.ofDelimiter(":").formatHex(value));
    }
}
