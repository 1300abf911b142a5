package org.dhcpcluster.protocol.v4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of one message, at most one entry per code (RFC 3396: instances of a code
 * are one option, concatenated), in the order they were added or decoded. Immutable.
 * PAD, END and OPTION_OVERLOAD (52) are wire artifacts and never appear here: the decoder
 * consumes them and the encoder produces them.
 */
public final class DhcpV4Options {
    private static final DhcpV4Options EMPTY = new DhcpV4Options(new LinkedHashMap<>());

    private final Map<Integer, DhcpV4Option> byCode;

    private DhcpV4Options(LinkedHashMap<Integer, DhcpV4Option> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    public static DhcpV4Options empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.byCode.putAll(byCode);
        return b;
    }

    public Optional<byte[]> get(int code) {
        DhcpV4Option o = byCode.get(code);
        return o == null ? Optional.empty() : Optional.of(o.value());
    }

    public Optional<DhcpV4Option> option(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean contains(int code) {
        return byCode.containsKey(code);
    }

    /** All options in order. */
    public List<DhcpV4Option> all() {
        return new ArrayList<>(byCode.values());
    }

    public int size() {
        return byCode.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpV4Options other && List.copyOf(byCode.values()).equals(List.copyOf(other.byCode.values()));
    }

    @Override
    public int hashCode() {
        return byCode.hashCode();
    }

    @Override
    public String toString() {
        return byCode.values().toString();
    }

    public static final class Builder {
        private final LinkedHashMap<Integer, DhcpV4Option> byCode = new LinkedHashMap<>();

        /** Sets the option, replacing any value for the same code but keeping its position. */
        public Builder put(int code, byte[] value) {
            if (code == OptionCode.OPTION_OVERLOAD) {
                throw new IllegalArgumentException("option 52 (overload) is chosen by the encoder, not set by callers");
            }
            byCode.put(code, new DhcpV4Option(code, value));
            return this;
        }

        public Builder put(DhcpV4Option option) {
            return put(option.code(), option.value());
        }

        /** Appends bytes to an option (RFC 3396 concatenation), creating it if absent. */
        public Builder append(int code, byte[] more) {
            DhcpV4Option existing = byCode.get(code);
            if (existing == null) {
                return put(code, more);
            }
            byte[] old = existing.value();
            byte[] joined = new byte[old.length + more.length];
            System.arraycopy(old, 0, joined, 0, old.length);
            System.arraycopy(more, 0, joined, old.length, more.length);
            byCode.put(code, new DhcpV4Option(code, joined));
            return this;
        }

        public Builder remove(int code) {
            byCode.remove(code);
            return this;
        }

        public boolean contains(int code) {
            return byCode.containsKey(code);
        }

        public DhcpV4Options build() {
            return byCode.isEmpty() ? EMPTY : new DhcpV4Options(new LinkedHashMap<>(byCode));
        }
    }
}
