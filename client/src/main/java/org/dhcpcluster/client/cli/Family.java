package org.dhcpcluster.client.cli;

/** The three ways to get a lease: native DHCPv4, DHCPv6, and DHCPv4 carried over DHCPv6 (RFC 7341). */
enum Family {
    V4("v4"), V6("v6"), DHCP4O6("4o6");

    final String label;

    Family(String label) {
        this.label = label;
    }

    static Family parse(String s) {
        for (Family f : values()) {
            if (f.label.equalsIgnoreCase(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("family is v4, v6 or 4o6, not '" + s + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
