package org.dhcpcluster.protocol.v4.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.DroppedOption;

/**
 * The option instances read so far, joined per code in the order met (RFC 3396 section 7:
 * instances of one code are concatenated, across the options, file and sname fields in that
 * order), before any option is validated. Also remembers codes whose last instance was cut
 * off, and framing problems to report as dropped options.
 */
final class RawOptions {
    /** One code: its concatenated octets, and why it is incomplete (null when it is not). */
    record Entry(int code, byte[] value, String incomplete) {
    }

    private final Map<Integer, ByteArrayOutputStream> values = new LinkedHashMap<>();
    private final Map<Integer, String> incomplete = new LinkedHashMap<>();
    private final List<DroppedOption> framingDrops = new ArrayList<>();

    void append(int code, byte[] source, int offset, int length) {
        values.computeIfAbsent(code, c -> new ByteArrayOutputStream(length)).write(source, offset, length);
    }

    /** The code's instance at this point runs past its field: the joined value cannot be trusted. */
    void markIncomplete(int code, String reason) {
        values.computeIfAbsent(code, c -> new ByteArrayOutputStream(0));
        incomplete.putIfAbsent(code, reason);
    }

    boolean contains(int code) {
        return values.containsKey(code);
    }

    /** Takes a code out (option 52 is consumed by the decoder, never kept). */
    Optional<Entry> remove(int code) {
        ByteArrayOutputStream v = values.remove(code);
        String why = incomplete.remove(code);
        return v == null ? Optional.empty() : Optional.of(new Entry(code, v.toByteArray(), why));
    }

    void drop(DroppedOption dropped) {
        framingDrops.add(dropped);
    }

    List<DroppedOption> framingDrops() {
        return framingDrops;
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>(values.size());
        values.forEach((code, bytes) -> out.add(new Entry(code, bytes.toByteArray(), incomplete.get(code))));
        return out;
    }
}
