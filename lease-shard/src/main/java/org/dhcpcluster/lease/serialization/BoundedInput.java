package org.dhcpcluster.lease.serialization;

import com.esotericsoftware.kryo.io.Input;

/**
 * Kryo input over one whole payload that refuses any length or count larger than the bytes
 * still unread. Kryo allocates an array, a string's characters or a collection for the length
 * it reads before it reads the elements, so a 20-byte message claiming two billion elements
 * would otherwise take the heap; every element of every kind takes at least one byte here, so
 * a claim above the bytes left is a lie. Memory spent on a payload is thus a small multiple
 * of its size, which the transport bounds (Artery's maximum-frame-size) for messages from
 * peers and the journal row for events and snapshots, however large those legitimately are.
 */
final class BoundedInput extends Input {

    BoundedInput(byte[] payload) {
        super(payload);
    }

    /** Refuses {@code count} elements of {@code what} unless that many bytes at least are left. */
    static void requireAtMostRemaining(Input input, long count, String what) {
        long left = input.limit() - input.position();
        if (count < 0 || count > left) {
            throw new RefusedPayloadException("oversized_length",
                    what + " claims " + count + " elements with " + left + " bytes left at offset " + input.position());
        }
    }

    @Override
    public String readString() {
        checkStringLength();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkStringLength();
        return super.readStringBuilder();
    }

    /**
     * Bit 0x80 of a string's first byte marks a length-prefixed one (UTF-8; 0 is null, 1 empty,
     * n is n - 1 characters, each at least one byte); without it the string is ASCII, carries
     * no length and grows only with the bytes actually read. Peeks, then rewinds.
     */
    private void checkStringLength() {
        if (position < limit && readVarIntFlag()) {
            int start = position;
            int lengthPlusOne = readVarIntFlag(true);
            if (lengthPlusOne != 0 && lengthPlusOne != 1) {
                requireAtMostRemaining(this, lengthPlusOne - 1L, "a string");
            }
            position = start;
        }
    }

    @Override
    public byte[] readBytes(int length) {
        requireAtMostRemaining(this, length, "a byte array");
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        requireAtMostRemaining(this, length, "an int array");
        return super.readInts(length, optimizePositive);
    }

    @Override
    public int[] readInts(int length) {
        requireAtMostRemaining(this, length, "an int array");
        return super.readInts(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        requireAtMostRemaining(this, length, "a long array");
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        requireAtMostRemaining(this, length, "a long array");
        return super.readLongs(length);
    }

    @Override
    public short[] readShorts(int length) {
        requireAtMostRemaining(this, length, "a short array");
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        requireAtMostRemaining(this, length, "a char array");
        return super.readChars(length);
    }

    @Override
    public float[] readFloats(int length) {
        requireAtMostRemaining(this, length, "a float array");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        requireAtMostRemaining(this, length, "a double array");
        return super.readDoubles(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        requireAtMostRemaining(this, length, "a boolean array");
        return super.readBooleans(length);
    }
}
