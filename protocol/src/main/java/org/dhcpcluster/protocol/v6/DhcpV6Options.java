package org.dhcpcluster.protocol.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of one message or of one option's nested option list, in wire order.
 * Immutable. Unlike DHCPv4 (where instances of a code are concatenated, RFC 3396), a DHCPv6
 * code may legally appear several times as separate options (RFC 8415 section 21.1: several
 * IA_NA, several IAADDR in an IA, one Vendor Class per vendor), so order and multiplicity
 * are kept exactly as decoded or added.
 */
public final class DhcpV6Options {
    private static final DhcpV6Options EMPTY = new DhcpV6Options(List.of());

    private final List<DhcpV6Option> options;

    private DhcpV6Options(List<DhcpV6Option> options) {
        this.options = options;
    }

    public static DhcpV6Options empty() {
        return EMPTY;
    }

    public static DhcpV6Options of(List<DhcpV6Option> options) {
        return options.isEmpty() ? EMPTY : new DhcpV6Options(List.copyOf(options));
    }

    public static DhcpV6Options of(DhcpV6Option... options) {
        return of(List.of(options));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.options.addAll(options);
        return b;
    }

    /** The value of the first option with this code: the one RFC 8415 means where only one may appear. */
    public Optional<byte[]> get(int code) {
        return option(code).map(DhcpV6Option::value);
    }

    /** The first option with this code. */
    public Optional<DhcpV6Option> option(int code) {
        for (DhcpV6Option o : options) {
            if (o.code() == code) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Every option with this code, in order. */
    public List<DhcpV6Option> all(int code) {
        List<DhcpV6Option> out = new ArrayList<>();
        for (DhcpV6Option o : options) {
            if (o.code() == code) {
                out.add(o);
            }
        }
        return out;
    }

    /** All options in order. */
    public List<DhcpV6Option> all() {
        return options;
    }

    public boolean contains(int code) {
        return option(code).isPresent();
    }

    public int count(int code) {
        int n = 0;
        for (DhcpV6Option o : options) {
            if (o.code() == code) {
                n++;
            }
        }
        return n;
    }

    public int size() {
        return options.size();
    }

    public boolean isEmpty() {
        return options.isEmpty();
    }

    /** Octets these options take on the wire: a 4-octet header per option plus its value. */
    public int wireLength() {
        int n = 0;
        for (DhcpV6Option o : options) {
            n += 4 + o.length();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpV6Options other && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    @Override
    public String toString() {
        return options.toString();
    }

    /** Collects options in order; never reorders or merges them. */
    public static final class Builder {
        private final List<DhcpV6Option> options = new ArrayList<>();

        /** Appends an option, after any with the same code. */
        public Builder add(DhcpV6Option option) {
            options.add(option);
            return this;
        }

        public Builder add(int code, byte[] value) {
            return add(new DhcpV6Option(code, value));
        }

        public Builder addAll(DhcpV6Options more) {
            options.addAll(more.options);
            return this;
        }

        /**
         * Makes {@code option} the only one with its code: it takes the place of the first
         * existing one (or goes last when there is none) and the others are removed.
         */
        public Builder set(DhcpV6Option option) {
            int at = -1;
            for (int i = options.size() - 1; i >= 0; i--) {
                if (options.get(i).code() == option.code()) {
                    options.remove(i);
                    at = i;
                }
            }
            options.add(at < 0 ? options.size() : at, option);
            return this;
        }

        public Builder set(int code, byte[] value) {
            return set(new DhcpV6Option(code, value));
        }

        /** Removes every option with this code. */
        public Builder remove(int code) {
            options.removeIf(o -> o.code() == code);
            return this;
        }

        public boolean contains(int code) {
            return options.stream().anyMatch(o -> o.code() == code);
        }

        public DhcpV6Options build() {
            return of(options);
        }
    }
}
