package org.dhcpcluster.protocol.v6.option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.BigEndian;

/**
 * Lists of opaque items, each a 2-octet length then that many octets: the user-class-data
 * of the User Class option (RFC 8415 section 21.15) and the vendor-class-data of the Vendor
 * Class option (section 21.16).
 */
final class LengthPrefixedItems {
    private LengthPrefixedItems() {
    }

    /**
     * Empty when {@code v[from, end)} is whole items; otherwise where it breaks. No items at
     * all is accepted: sections 21.15 and 21.16 set no minimum, and an empty class list
     * harms nothing.
     */
    static Optional<String> problem(byte[] v, int from) {
        int p = from;
        while (p < v.length) {
            if (v.length - p < 2) {
                return Optional.of("item at offset " + p + " has no 2-octet length");
            }
            int len = BigEndian.u16(v, p);
            if (v.length - p - 2 < len) {
                return Optional.of("item at offset " + p + " claims " + len + " octets but only "
                        + (v.length - p - 2) + " remain");
            }
            p += 2 + len;
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException when {@link #problem} finds one */
    static List<byte[]> read(byte[] v, int from) {
        Optional<String> problem = problem(v, from);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        List<byte[]> items = new ArrayList<>();
        int p = from;
        while (p < v.length) {
            int len = BigEndian.u16(v, p);
            items.add(Arrays.copyOfRange(v, p + 2, p + 2 + len));
            p += 2 + len;
        }
        return items;
    }

    static boolean equal(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hash(List<byte[]> items) {
        int h = 1;
        for (byte[] i : items) {
            h = 31 * h + Arrays.hashCode(i);
        }
        return h;
    }

    static List<byte[]> copy(List<byte[]> items) {
        List<byte[]> out = new ArrayList<>(items.size());
        for (byte[] i : items) {
            out.add(i.clone());
        }
        return List.copyOf(out);
    }
}
