package org.dhcpcluster.protocol.v6.option;

import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.AUTHENTICATION;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.DOMAIN_LIST;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.DUID;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.EMPTY;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IAADDR;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IAPREFIX;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IA_NA;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IA_PD;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IA_TA;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IPV6;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IPV6_LIST;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.IPV6_LIST_OR_EMPTY;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.LINK_LAYER_ADDRESS;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.MAX_RT;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.OPAQUE;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.OPAQUE_NON_EMPTY;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.OPTION_CODES;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.RECONFIGURE_TYPE;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.REMOTE_ID;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.STATUS_CODE;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.UINT16;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.UINT32;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.UINT8;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.USER_CLASS;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.VENDOR_CLASS;
import static org.dhcpcluster.protocol.v6.option.V6OptionFormat.VENDOR_OPTIONS;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The DHCPv6 options the server knows, as data (the model is Kea's std_option_defs.h, whose
 * names are used so a Kea configuration reads the same here). Codes not listed are carried
 * as raw octets and re-encoded unchanged; only listed ones are validated.
 *
 * <p>The Relay Message option (9) is listed for its name; its value is a whole message,
 * which the codec decodes itself (RFC 8415 section 21.10).
 */
public final class DhcpV6OptionTable {
    private static final List<V6OptionDefinition> ALL = List.of(
            essential(1, "client-id", DUID),                          // RFC 8415 21.2
            essential(2, "server-id", DUID),                          // RFC 8415 21.3
            essential(3, "ia-na", IA_NA),                             // RFC 8415 21.4
            essential(4, "ia-ta", IA_TA),                             // RFC 8415 21.5
            def(5, "iaaddr", IAADDR),                                 // RFC 8415 21.6 (inside IA_NA/IA_TA)
            def(6, "oro", OPTION_CODES),                              // RFC 8415 21.7
            def(7, "preference", UINT8),                              // RFC 8415 21.8
            def(8, "elapsed-time", UINT16),                           // RFC 8415 21.9
            def(9, "relay-msg", OPAQUE),                              // RFC 8415 21.10 (decoded by the codec)
            def(11, "auth", AUTHENTICATION),                          // RFC 8415 21.11
            def(12, "unicast", IPV6),                                 // RFC 8415 21.12
            def(13, "status-code", STATUS_CODE),                      // RFC 8415 21.13
            def(14, "rapid-commit", EMPTY),                           // RFC 8415 21.14
            def(15, "user-class", USER_CLASS),                        // RFC 8415 21.15
            def(16, "vendor-class", VENDOR_CLASS),                    // RFC 8415 21.16
            def(17, "vendor-opts", VENDOR_OPTIONS),                   // RFC 8415 21.17
            def(18, "interface-id", OPAQUE),                          // RFC 8415 21.18
            def(19, "reconf-msg", RECONFIGURE_TYPE),                  // RFC 8415 21.19
            def(20, "reconf-accept", EMPTY),                          // RFC 8415 21.20
            def(23, "dns-servers", IPV6_LIST),                        // RFC 3646 section 3
            def(24, "domain-search", DOMAIN_LIST),                    // RFC 3646 section 4
            essential(25, "ia-pd", IA_PD),                            // RFC 8415 21.21
            def(26, "iaprefix", IAPREFIX),                            // RFC 8415 21.22 (inside IA_PD)
            def(32, "information-refresh-time", UINT32),              // RFC 8415 21.23
            def(37, "remote-id", REMOTE_ID),                          // RFC 4649
            def(38, "subscriber-id", OPAQUE_NON_EMPTY),               // RFC 4580
            def(79, "client-linklayer-addr", LINK_LAYER_ADDRESS),     // RFC 6939
            def(82, "sol-max-rt", MAX_RT),                            // RFC 8415 21.24
            def(83, "inf-max-rt", MAX_RT),                            // RFC 8415 21.25
            def(87, "dhcpv4-message", OPAQUE_NON_EMPTY),              // RFC 7341 section 7.1
            def(88, "dhcp4o6-server-addr", IPV6_LIST_OR_EMPTY));      // RFC 7341 section 8

    private static final Map<Integer, V6OptionDefinition> BY_CODE = new HashMap<>();
    private static final Map<String, V6OptionDefinition> BY_NAME = new HashMap<>();

    static {
        for (V6OptionDefinition d : ALL) {
            if (BY_CODE.put(d.code(), d) != null || BY_NAME.put(d.name(), d) != null) {
                throw new ExceptionInInitializerError("duplicate option table entry " + d.code() + " " + d.name());
            }
        }
    }

    private DhcpV6OptionTable() {
    }

    private static V6OptionDefinition def(int code, String name, V6OptionFormat format) {
        return new V6OptionDefinition(code, name, format, false);
    }

    private static V6OptionDefinition essential(int code, String name, V6OptionFormat format) {
        return new V6OptionDefinition(code, name, format, true);
    }

    public static Optional<V6OptionDefinition> byCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** Case-insensitive, as configuration keys are written by people. */
    public static Optional<V6OptionDefinition> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Every definition, by ascending code. */
    public static List<V6OptionDefinition> all() {
        return ALL;
    }

    /** The name of a known code, or "option-N", for log lines and error messages. */
    public static String nameOf(int code) {
        return byCode(code).map(V6OptionDefinition::name).orElse("option-" + code);
    }

    /** Empty when the value is valid for its code (always, for a code not in the table); otherwise why not. */
    public static Optional<String> validate(int code, byte[] value) {
        return validate(code, value, 0);
    }

    static Optional<String> validate(int code, byte[] value, int depth) {
        V6OptionDefinition d = BY_CODE.get(code);
        return d == null ? Optional.empty() : d.format().validate(value, depth);
    }
}
