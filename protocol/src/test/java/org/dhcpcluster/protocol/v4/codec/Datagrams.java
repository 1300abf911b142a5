package org.dhcpcluster.protocol.v4.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds datagrams octet by octet, so tests say exactly what is on the wire. */
final class Datagrams {
    static final byte[] CHADDR = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};

    private Datagrams() {
    }

    /** A BOOTREQUEST header (xid 0x11223344, chaddr {@link #CHADDR}), the magic cookie, then {@code options} verbatim. */
    static byte[] request(int... options) {
        return withOptions(header(1, 6), options);
    }

    static byte[] header(int op, int hlen) {
        byte[] h = new byte[240];
        h[0] = (byte) op;
        h[1] = 1;
        h[2] = (byte) hlen;
        h[4] = 0x11;
        h[5] = 0x22;
        h[6] = 0x33;
        h[7] = 0x44;
        System.arraycopy(CHADDR, 0, h, 28, CHADDR.length);
        h[236] = 99;
        h[237] = (byte) 130;
        h[238] = 83;
        h[239] = 99;
        return h;
    }

    static byte[] withOptions(byte[] header, int... options) {
        byte[] out = new byte[header.length + options.length];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int i = 0; i < options.length; i++) {
            out[header.length + i] = (byte) options[i];
        }
        return out;
    }

    /** Octets as ints, for splicing into {@link #request(int...)}. */
    static int[] octets(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (value + i);
        }
        return b;
    }

    /** A golden packet: hex octets, '#' comment lines ignored. */
    static byte[] golden(String name) {
        try (InputStream in = Datagrams.class.getResourceAsStream("/golden/v4/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden packet " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replaceAll("\\s", ""));
                }
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds option instances in an encoded payload's options field (no overload), for asserting wire layout. */
    static int offsetOfOption(byte[] payload, int code) {
        int p = 240;
        while (p < payload.length) {
            int c = payload[p] & 0xFF;
            if (c == 0) {
                p++;
                continue;
            }
            if (c == code) {
                return p;
            }
            if (c == 255) {
                return -1;
            }
            p += 2 + (payload[p + 1] & 0xFF);
        }
        return -1;
    }
}
