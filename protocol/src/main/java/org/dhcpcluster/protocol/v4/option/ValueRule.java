package org.dhcpcluster.protocol.v4.option;

import java.util.Arrays;
import java.util.Optional;

/**
 * A constraint one option adds to its type (RFC 2132 9.10: option 57 "minimum legal value is
 * 576"; 9.3: option 52 is 1, 2 or 3; ...). Checked only after the type accepted the value,
 * so a rule may rely on the type's length; kept with the option's row in
 * {@link DhcpV4OptionTable} so every RFC constraint is in one place.
 */
@FunctionalInterface
public interface ValueRule {
    /** No constraint beyond the type. */
    ValueRule NONE = value -> Optional.empty();

    /** Empty when the value satisfies the rule; otherwise what is wrong with it. */
    Optional<String> check(byte[] value);

    /** Whether a zero-length value is valid even though the type needs octets (RFC 2132 8.3, option 68). */
    default boolean allowsEmpty() {
        return false;
    }

    /** The type's list form, or nothing at all. */
    static ValueRule emptyAllowed() {
        return new ValueRule() {
            @Override
            public Optional<String> check(byte[] value) {
                return Optional.empty();
            }

            @Override
            public boolean allowsEmpty() {
                return true;
            }
        };
    }

    static ValueRule minLength(int min) {
        return value -> value.length >= min ? Optional.empty()
                : Optional.of("must be at least " + min + " octets, got " + value.length);
    }

    static ValueRule exactLength(int length) {
        return value -> value.length == length ? Optional.empty()
                : Optional.of("must be exactly " + length + " octets, got " + value.length);
    }

    /** For UINT8/UINT16/UINT32 options: the big-endian value lies in {@code min..max}. */
    static ValueRule between(long min, long max) {
        return value -> {
            long v = unsigned(value);
            return v >= min && v <= max ? Optional.empty()
                    : Optional.of("value " + v + " is outside " + min + ".." + max);
        };
    }

    /** For UINT8 options whose RFC lists the allowed values (RFC 2132 8.7 NetBIOS node type). */
    static ValueRule oneOf(int... allowed) {
        return value -> {
            long v = unsigned(value);
            return Arrays.stream(allowed).anyMatch(a -> a == v) ? Optional.empty()
                    : Optional.of("value " + v + " is not one of " + Arrays.toString(allowed));
        };
    }

    /** For UINT16_LIST options: every element is at least {@code min} (RFC 2132 4.5: MTUs of at least 68). */
    static ValueRule eachAtLeast(int min) {
        return value -> {
            for (int v : IntegerListFormat.UINT16.read(value)) {
                if (v < min) {
                    return Optional.of("element " + v + " is below the minimum " + min);
                }
            }
            return Optional.empty();
        };
    }

    private static long unsigned(byte[] value) {
        long v = 0;
        for (byte b : value) {
            v = v << 8 | (b & 0xFF);
        }
        return v;
    }
}
