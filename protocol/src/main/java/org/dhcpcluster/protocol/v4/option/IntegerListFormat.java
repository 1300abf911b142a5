package org.dhcpcluster.protocol.v4.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Non-empty lists of unsigned integers: octets (RFC 2132 9.8 parameter request list) or 16-bit values (RFC 2132 4.5, RFC 4578 2.1). */
enum IntegerListFormat implements ValueFormat {
    UINT8(1), UINT16(2);

    private final int width;

    IntegerListFormat(int width) {
        this.width = width;
    }

    @Override
    public Optional<String> validate(byte[] value) {
        if (value.length == 0 || value.length % width != 0) {
            return Optional.of("length must be a non-zero multiple of " + width + ", got " + value.length);
        }
        return Optional.empty();
    }

    @Override
    public byte[] parseText(String text) {
        List<String> items = TextLists.split(text);
        byte[] out = new byte[items.size() * width];
        long max = (1L << (8 * width)) - 1;
        for (int i = 0; i < items.size(); i++) {
            long v = IntegerFormat.parseDecimal(items.get(i), 0, max);
            for (int j = width - 1; j >= 0; j--) {
                out[i * width + j] = (byte) v;
                v >>= 8;
            }
        }
        return out;
    }

    @Override
    public String format(byte[] value) {
        List<String> items = new ArrayList<>(value.length / width);
        for (int i = 0; i < value.length; i += width) {
            int v = 0;
            for (int j = 0; j < width; j++) {
                v = v << 8 | (value[i + j] & 0xFF);
            }
            items.add(Integer.toString(v));
        }
        return TextLists.join(items);
    }

    /** The values of a list this format validated, e.g. for rules that bound each element. */
    int[] read(byte[] value) {
        int[] out = new int[value.length / width];
        for (int i = 0; i < out.length; i++) {
            int v = 0;
            for (int j = 0; j < width; j++) {
                v = v << 8 | (value[i * width + j] & 0xFF);
            }
            out[i] = v;
        }
        return out;
    }
}
