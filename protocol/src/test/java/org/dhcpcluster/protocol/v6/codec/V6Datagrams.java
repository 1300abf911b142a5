package org.dhcpcluster.protocol.v6.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Test datagrams: the golden packets, and hex written field by field so tests say exactly what is on the wire. */
final class V6Datagrams {
    /** Every file in src/test/resources/golden/v6, described in its README. */
    static final List<String> GOLDEN = List.of(
            "dhclient-solicit.hex", "kea-advertise.hex", "dhclient-request.hex", "kea-reply.hex",
            "dhclient-renew.hex", "dhclient-release.hex", "kea-reply-release.hex",
            "dhclient-solicit-pd.hex", "kea-advertise-pd.hex", "dhcpcd-solicit.hex",
            "perfdhcp-solicit.hex", "perfdhcp-relay-forw.hex", "kea-relay-repl.hex",
            "dhcrelay-relay-forw-2hop.hex", "kea-relay-repl-2hop.hex",
            "kea-reply-4o6-server-addr.hex", "probe-dhcpv4-query.hex", "kea-dhcpv4-response.hex");

    private V6Datagrams() {
    }

    /** Octets from hex with any spacing, so a test can group them by field: "01 123456 0008 0002 0000". */
    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s", ""));
    }

    /** A golden packet: hex octets, '#' comment lines ignored. */
    static byte[] golden(String name) {
        try (InputStream in = V6Datagrams.class.getResourceAsStream("/golden/v6/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden packet " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line);
                }
            }
            return hex(hex.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
