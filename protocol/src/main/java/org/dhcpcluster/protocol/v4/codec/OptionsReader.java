package org.dhcpcluster.protocol.v4.codec;

/**
 * Walks the option TLVs of one field of a datagram (RFC 2132 section 2) into
 * {@link RawOptions}. It never throws: a field that ends badly simply ends, and the option
 * it cut off is marked incomplete.
 */
final class OptionsReader {

    /** The three places options can live, named as in RFC 2131 so drop reasons match a capture. */
    enum Field {
        OPTIONS("options"), FILE("file"), SNAME("sname");

        final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }
    }

    private OptionsReader() {
    }

    /**
     * Reads {@code datagram[from, to)}: PAD octets are skipped, END stops (RFC 2132 3.1, 3.2),
     * and reaching {@code to} without END is accepted (many clients end the datagram
     * right after their last option). An option without a length octet, or whose length
     * runs past {@code to}, is marked incomplete and the rest of the field is not read:
     * once a length is wrong no later octet can be trusted to be an option code.
     */
    static void read(byte[] datagram, int from, int to, Field field, RawOptions into) {
        int p = from;
        while (p < to) {
            int code = datagram[p] & 0xFF;
            if (code == WireLayout.PAD) {
                p++;
                continue;
            }
            if (code == WireLayout.END) {
                return;
            }
            if (p + 1 >= to) {
                into.markIncomplete(code, "no length octet at offset " + p + ", the end of the " + field.wireName + " field");
                return;
            }
            int length = datagram[p + 1] & 0xFF;
            if (p + 2 + length > to) {
                into.markIncomplete(code, "instance at offset " + p + " claims " + length + " octets but the "
                        + field.wireName + " field has only " + (to - p - 2) + " left");
                return;
            }
            into.append(code, datagram, p + 2, length);
            p += 2 + length;
        }
    }
}
