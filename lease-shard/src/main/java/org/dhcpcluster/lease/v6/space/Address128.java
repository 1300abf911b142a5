package org.dhcpcluster.lease.v6.space;

import java.math.BigInteger;
import java.net.Inet6Address;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.protocol.v6.Ipv6;

/**
 * An IPv6 address (or the first address of a prefix) as two unsigned 64-bit halves: cheap to
 * compare, hash and shift on the lease path, where {@link Inet6Address} would allocate and
 * {@link BigInteger} would be slow.
 */
public record Address128(long hi, long lo) implements Comparable<Address128>, KryoSerializable {

    public static final Address128 ZERO = new Address128(0, 0);

    /** Parses a literal such as {@code 2001:db8::1}; host names are refused (no DNS lookups). */
    public static Address128 parse(String text) {
        return of(Ipv6.parse(text));
    }

    public static Address128 of(byte[] sixteen) {
        if (sixteen.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 octets, not " + sixteen.length);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (sixteen[i] & 0xFF);
            lo = (lo << 8) | (sixteen[i + 8] & 0xFF);
        }
        return new Address128(hi, lo);
    }

    public static Address128 of(Inet6Address a) {
        return of(a.getAddress());
    }

    public byte[] toBytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    public Inet6Address toInet6() {
        return Ipv6.fromBytes(toBytes());
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, toBytes());
    }

    public static Address128 of(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException("outside the IPv6 address space: " + value);
        }
        return new Address128(value.shiftRight(64).longValue(), value.longValue());
    }

    /** This value with its lowest {@code bits} bits set to zero (the start of the enclosing /(128-bits)). */
    public Address128 clearLow(int bits) {
        if (bits <= 0) {
            return this;
        }
        if (bits >= 128) {
            return ZERO;
        }
        if (bits >= 64) {
            return new Address128(bits == 64 ? hi : hi & (-1L << (bits - 64)), 0);
        }
        return new Address128(hi, lo & (-1L << bits));
    }

    /** This value with its lowest {@code bits} bits set to one (the end of the enclosing /(128-bits)). */
    public Address128 setLow(int bits) {
        if (bits <= 0) {
            return this;
        }
        if (bits >= 128) {
            return new Address128(-1L, -1L);
        }
        if (bits >= 64) {
            return new Address128(bits == 64 ? hi : hi | ~(-1L << (bits - 64)), -1L);
        }
        return new Address128(hi, lo | ~(-1L << bits));
    }

    /** The low 64 bits of {@code this >>> bits}. */
    public long shiftRightLow(int bits) {
        if (bits == 0) {
            return lo;
        }
        if (bits >= 128) {
            return 0;
        }
        if (bits >= 64) {
            return hi >>> (bits - 64);
        }
        return (lo >>> bits) | (hi << (64 - bits));
    }

    /** {@code this + (value << bits)}, wrapping at 2^128; {@code value} is unsigned. */
    public Address128 plusShifted(long value, int bits) {
        long addHi;
        long addLo;
        if (bits == 0) {
            addHi = 0;
            addLo = value;
        } else if (bits >= 64) {
            addHi = bits >= 128 ? 0 : value << (bits - 64);
            addLo = 0;
        } else {
            addHi = value >>> (64 - bits);
            addLo = value << bits;
        }
        long newLo = lo + addLo;
        long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
        return new Address128(hi + addHi + carry, newLo);
    }

    /** Whether this lies in {@code prefix/length}. */
    public boolean isIn(Address128 prefix, int length) {
        return clearLow(128 - length).equals(prefix.clearLow(128 - length));
    }

    @Override
    public int compareTo(Address128 o) {
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** RFC 5952 text ({@code 2001:db8::1}). */
    public String format() {
        return Ipv6.format(toInet6());
    }

    @Override
    public String toString() {
        return format();
    }
}
