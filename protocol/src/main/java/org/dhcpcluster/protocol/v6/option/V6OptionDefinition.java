package org.dhcpcluster.protocol.v6.option;

import java.util.Objects;

/**
 * One row of the DHCPv6 option table: code, Kea-style name, wire format, and whether a
 * malformed instance makes the whole message unusable ({@code essential}) rather than
 * being dropped on its own.
 *
 * <p>Essential are the options a server cannot answer without reading correctly: the
 * client and server identifiers (a lease is keyed on the DUID, and the wrong server must
 * stay silent) and the IA containers (ignoring a malformed IA would answer as if the client
 * had asked for less). Everything else can be dropped and the message still answered.
 */
public record V6OptionDefinition(int code, String name, V6OptionFormat format, boolean essential) {

    public V6OptionDefinition {
        if (code <= 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("option code must be 1..65535: " + code);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("option " + code + " needs a name");
        }
        Objects.requireNonNull(format, "format");
    }
}
