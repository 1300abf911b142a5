package org.dhcpcluster.lease.v6.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of items of one length handed out dynamically: an address pool
 * ({@code length} 128, {@code first}-{@code last} addresses) or a prefix-delegation pool
 * (prefixes of {@code length} from {@code first} to {@code last}, each aligned to it).
 *
 * <p>Pools may be enormous (a /64 holds 2^64 addresses), so a client's candidates are not
 * searched in order: its slice is chosen by hashing its key over the pool's <em>active
 * slices</em>, at most {@value #MAX_ACTIVE_SLICES} slices spread evenly across the pool. That
 * keeps the number of live slice entities per pool bounded (each recovers from the journal
 * once, then serves many clients) while addresses stay spread over the whole range.
 */
public final class Pool6 {

    public static final int MAX_ACTIVE_SLICES = 64;

    private final Address128 first;
    private final Address128 last;
    private final int length;
    private final List<SliceKey> activeSlices;

    public Pool6(Address128 first, Address128 last, int length) {
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("pool start " + first.format() + " is after its end " + last.format());
        }
        if (!first.equals(first.clearLow(128 - length)) || !last.equals(last.clearLow(128 - length))) {
            throw new IllegalArgumentException("pool bounds must be /" + length + " prefixes");
        }
        this.first = first;
        this.last = last;
        this.length = length;
        this.activeSlices = spread();
    }

    /** An address pool given as {@code first - last}. */
    public static Pool6 addresses(Address128 first, Address128 last) {
        return new Pool6(first, last, 128);
    }

    /** A prefix-delegation pool: every /{@code delegatedLength} inside {@code prefix/prefixLength}. */
    public static Pool6 delegating(Address128 prefix, int prefixLength, int delegatedLength) {
        if (delegatedLength < prefixLength) {
            throw new IllegalArgumentException("delegated length /" + delegatedLength + " is shorter than the pool's /" + prefixLength);
        }
        Address128 start = prefix.clearLow(128 - prefixLength);
        return new Pool6(start, start.setLow(128 - prefixLength).clearLow(128 - delegatedLength), delegatedLength);
    }

    public Address128 first() {
        return first;
    }

    public Address128 last() {
        return last;
    }

    /** 128 for an address pool, the delegated prefix length for a PD pool. */
    public int length() {
        return length;
    }

    public boolean contains(Address128 item) {
        return item.equals(item.clearLow(128 - length)) && first.compareTo(item) <= 0 && item.compareTo(last) <= 0;
    }

    /** Whether any address of {@code a}'s range overlaps this pool's. */
    public boolean overlaps(Pool6 o) {
        return first.compareTo(o.lastAddress()) <= 0 && o.first.compareTo(lastAddress()) <= 0;
    }

    /** The last address covered by the last item. */
    public Address128 lastAddress() {
        return last.setLow(128 - length);
    }

    public BigInteger size() {
        return index(last).subtract(index(first)).add(BigInteger.ONE);
    }

    public List<SliceKey> activeSlices() {
        return activeSlices;
    }

    private BigInteger index(Address128 item) {
        return item.toBigInteger().shiftRight(128 - length);
    }

    private List<SliceKey> spread() {
        int bits = SliceKey.sliceBits(length);
        BigInteger firstSlice = index(first).shiftRight(bits);
        BigInteger lastSlice = index(last).shiftRight(bits);
        BigInteger count = lastSlice.subtract(firstSlice).add(BigInteger.ONE);
        int active = count.min(BigInteger.valueOf(MAX_ACTIVE_SLICES)).intValueExact();
        List<SliceKey> keys = new ArrayList<>(active);
        for (int j = 0; j < active; j++) {
            BigInteger slice = firstSlice.add(count.multiply(BigInteger.valueOf(j)).divide(BigInteger.valueOf(active)));
            keys.add(new SliceKey(length, Address128.of(slice.shiftLeft(bits + 128 - length))));
        }
        return List.copyOf(keys);
    }

    @Override
    public String toString() {
        return length == 128 ? first.format() + " - " + last.format() : first.format() + " - " + last.format() + " (/" + length + ")";
    }
}
