package org.dhcpcluster.protocol.v4.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.protocol.v4.DhcpV4Option;

/**
 * Decides which option instances go into which field (RFC 3396 sections 5 and 6): the
 * fields form one "aggregate option buffer" (options, then file, then sname), an instance
 * cannot cross a field boundary, and one instance holds at most 255 octets.
 *
 * <p>An option of up to 255 octets is kept whole and goes into the first field with room for
 * it, because many clients do not implement RFC 3396 and would misread a short option split
 * in two. Only when no field has room for it whole, and for every option longer than 255
 * octets, is it split: its parts fill fields in aggregate order, so that concatenation in
 * that order restores it.
 */
final class OptionPacker {

    /** {@code length} octets of an option's value starting at {@code from}, written as one TLV. */
    record Instance(int code, byte[] value, int from, int length) {
        int wireLength() {
            return 2 + length;
        }

        void writeTo(ByteBuffer out) {
            out.put((byte) code).put((byte) length).put(value, from, length);
        }
    }

    private OptionPacker() {
    }

    /**
     * Places the options, in order, into fields of the given capacities (octets available
     * for option instances, END not included).
     *
     * @return one instance list per field, or null when the options do not fit
     */
    static List<List<Instance>> pack(List<DhcpV4Option> options, int... capacities) {
        int[] free = capacities.clone();
        List<List<Instance>> fields = new ArrayList<>();
        for (int i = 0; i < capacities.length; i++) {
            fields.add(new ArrayList<>());
        }
        for (DhcpV4Option option : options) {
            if (!placeWhole(option, free, fields) && !placeSplit(option, free, fields)) {
                return null;
            }
        }
        return fields;
    }

    /** Octets the options take in one field, each long option split at 255 (the no-overload size). */
    static int unsplitSize(List<DhcpV4Option> options) {
        int size = 0;
        for (DhcpV4Option o : options) {
            int instances = Math.max(1, (o.length() + WireLayout.MAX_INSTANCE - 1) / WireLayout.MAX_INSTANCE);
            size += 2 * instances + o.length();
        }
        return size;
    }

    private static boolean placeWhole(DhcpV4Option option, int[] free, List<List<Instance>> fields) {
        if (option.length() > WireLayout.MAX_INSTANCE) {
            return false;
        }
        for (int f = 0; f < free.length; f++) {
            if (free[f] >= 2 + option.length()) {
                fields.get(f).add(new Instance(option.code(), option.value(), 0, option.length()));
                free[f] -= 2 + option.length();
                return true;
            }
        }
        return false;
    }

    private static boolean placeSplit(DhcpV4Option option, int[] free, List<List<Instance>> fields) {
        byte[] value = option.value();
        if (value.length == 0) {
            return false; // an empty option cannot be split; placeWhole found no 2 octets for it
        }
        int[] tentative = free.clone();
        List<List<Instance>> added = new ArrayList<>();
        for (int i = 0; i < free.length; i++) {
            added.add(new ArrayList<>());
        }
        int pos = 0;
        int f = 0;
        while (pos < value.length) {
            while (f < tentative.length && tentative[f] < 3) {
                f++; // an instance needs its code, its length and at least one octet of value
            }
            if (f == tentative.length) {
                return false;
            }
            int chunk = Math.min(Math.min(WireLayout.MAX_INSTANCE, value.length - pos), tentative[f] - 2);
            added.get(f).add(new Instance(option.code(), value, pos, chunk));
            tentative[f] -= 2 + chunk;
            pos += chunk;
        }
        System.arraycopy(tentative, 0, free, 0, free.length);
        for (int i = 0; i < free.length; i++) {
            fields.get(i).addAll(added.get(i));
        }
        return true;
    }
}
