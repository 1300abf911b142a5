package org.dhcpcluster.protocol.v6;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A DHCP Unique Identifier (RFC 8415 section 11): a 2-octet type and 1 to 128 octets of
 * identifier. Servers key leases on it, so equality and hash are on the octets alone, as
 * section 11 demands ("MUST only compare DUIDs for equality").
 *
 * <p>The four defined types can be looked into (for logs, and to recover a client's MAC):
 * DUID-LLT (type 1, section 11.2), DUID-EN (2, section 11.3), DUID-LL (3, section 11.4) and
 * DUID-UUID (4, RFC 6355). Any other type, or a known type whose octets do not fit its
 * layout, is still a valid DUID: section 11 also says servers "MUST NOT restrict DUIDs to the
 * types defined", so the typed views simply come back empty.
 */
public final class Duid {
    public static final int TYPE_LLT = 1;
    public static final int TYPE_EN = 2;
    public static final int TYPE_LL = 3;
    public static final int TYPE_UUID = 4;
    /** Section 11.1: "at most 128 octets" not counting the 2-octet type code. */
    public static final int MAX_IDENTIFIER_LENGTH = 128;
    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 2 + MAX_IDENTIFIER_LENGTH;

    private final byte[] bytes;

    private Duid(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The DUID carried in a Client or Server Identifier option value.
     *
     * @throws IllegalArgumentException if it is shorter than 3 or longer than 130 octets
     */
    public static Duid of(byte[] bytes) {
        Optional<String> problem = problem(bytes);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new Duid(bytes.clone());
    }

    /** Empty when the octets can be a DUID; otherwise why not (section 11.1). */
    public static Optional<String> problem(byte[] bytes) {
        if (bytes.length < MIN_LENGTH) {
            return Optional.of("a DUID is a 2-octet type and at least 1 octet of identifier, got " + bytes.length + " octets");
        }
        if (bytes.length > MAX_LENGTH) {
            return Optional.of("a DUID identifier is at most " + MAX_IDENTIFIER_LENGTH
                    + " octets after the 2-octet type (RFC 8415 section 11.1), got " + (bytes.length - 2));
        }
        return Optional.empty();
    }

    /** Reads "00:01:00:01:..." (Kea's form) or plain hex; spaces are ignored. */
    public static Duid fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replaceAll("[:\\s]", "")));
    }

    /** DUID-LLT (section 11.2): hardware type, seconds since 2000-01-01 UTC mod 2^32, link-layer address. */
    public static Duid llt(int hardwareType, long time, byte[] linkLayerAddress) {
        return of(new OctetWriter().u16(TYPE_LLT).u16(hardwareType).u32(time).bytes(linkLayerAddress).toByteArray());
    }

    /** DUID-EN (section 11.3): IANA private enterprise number and the vendor's identifier. */
    public static Duid en(long enterpriseNumber, byte[] identifier) {
        return of(new OctetWriter().u16(TYPE_EN).u32(enterpriseNumber).bytes(identifier).toByteArray());
    }

    /** DUID-LL (section 11.4): hardware type and link-layer address. */
    public static Duid ll(int hardwareType, byte[] linkLayerAddress) {
        return of(new OctetWriter().u16(TYPE_LL).u16(hardwareType).bytes(linkLayerAddress).toByteArray());
    }

    /** DUID-UUID (RFC 6355 section 4): the 16 octets of a UUID. */
    public static Duid uuid(UUID uuid) {
        return of(new OctetWriter().u16(TYPE_UUID).u64(uuid.getMostSignificantBits())
                .u64(uuid.getLeastSignificantBits()).toByteArray());
    }

    public int type() {
        return BigEndian.u16(bytes, 0);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The hardware type (RFC 826 "ar$hrd", 1 = Ethernet) of a DUID-LLT or DUID-LL. */
    public OptionalInt hardwareType() {
        return isLlt() || isLl() ? OptionalInt.of(BigEndian.u16(bytes, 2)) : OptionalInt.empty();
    }

    /** The link-layer address of a DUID-LLT or DUID-LL: the client's MAC when it built the DUID from one. */
    public Optional<byte[]> linkLayerAddress() {
        if (isLlt()) {
            return Optional.of(Arrays.copyOfRange(bytes, 8, bytes.length));
        }
        return isLl() ? Optional.of(Arrays.copyOfRange(bytes, 4, bytes.length)) : Optional.empty();
    }

    /** The time of a DUID-LLT: seconds since midnight UTC, 1 January 2000, modulo 2^32. */
    public OptionalLong time() {
        return isLlt() ? OptionalLong.of(BigEndian.u32(bytes, 4)) : OptionalLong.empty();
    }

    /** The enterprise number of a DUID-EN. */
    public OptionalLong enterpriseNumber() {
        return isEn() ? OptionalLong.of(BigEndian.u32(bytes, 2)) : OptionalLong.empty();
    }

    /** The vendor-assigned identifier of a DUID-EN. */
    public Optional<byte[]> enterpriseIdentifier() {
        return isEn() ? Optional.of(Arrays.copyOfRange(bytes, 6, bytes.length)) : Optional.empty();
    }

    /** The UUID of a DUID-UUID, which is exactly 16 octets after the type (RFC 6355 section 4). */
    public Optional<UUID> uuid() {
        if (type() != TYPE_UUID || bytes.length != 18) {
            return Optional.empty();
        }
        return Optional.of(new UUID(BigEndian.u64(bytes, 2), BigEndian.u64(bytes, 10)));
    }

    private boolean isLlt() {
        return type() == TYPE_LLT && bytes.length >= 8;   // type, hardware type, time
    }

    private boolean isLl() {
        return type() == TYPE_LL && bytes.length >= 4;    // type, hardware type
    }

    private boolean isEn() {
        return type() == TYPE_EN && bytes.length >= 6;    // type, enterprise number
    }

    /** The Client Identifier option (1) carrying this DUID. */
    public DhcpV6Option asClientId() {
        return new DhcpV6Option(DhcpV6OptionCode.CLIENTID, bytes);
    }

    /** The Server Identifier option (2) carrying this DUID. */
    public DhcpV6Option asServerId() {
        return new DhcpV6Option(DhcpV6OptionCode.SERVERID, bytes);
    }

    /** Lower-case hex without separators ("000100012faf..."), for keys. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Colon-separated hex ("00:01:00:01:2f:af:..."), as Kea and dhclient log DUIDs. */
    public String toColonHex() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Duid other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toColonHex();
    }
}
