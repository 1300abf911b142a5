package org.dhcpcluster.protocol.v4.option;

import java.util.HexFormat;
import java.util.Optional;

/**
 * The value types of DHCPv4 options: what their bytes must look like on the wire (RFC 2132
 * section 2 and each option's RFC), how configuration writes them as text, and how logs and
 * the lease API show them. Constraints of one particular option (option 57 at least 576,
 * option 52 in 1..3) are not here but in its {@link OptionDefinition}'s {@link ValueRule}.
 */
public enum OptionType {
    /** One address, exactly 4 octets. Text "192.0.2.1". */
    IPV4(AddressFormat.SINGLE),
    /** One or more addresses, a multiple of 4 octets. Text "192.0.2.1, 192.0.2.2". */
    IPV4_LIST(AddressFormat.LIST),
    /** Address pairs (RFC 2132 5.7 policy filter, 5.8 static routes), a multiple of 8 octets. Text "10.0.0.0 192.0.2.1, ...". */
    IPV4_PAIRS(AddressFormat.PAIRS),
    UINT8(IntegerFormat.UINT8),
    UINT16(IntegerFormat.UINT16),
    UINT32(IntegerFormat.UINT32),
    /** Signed 32-bit, two's complement (RFC 2132 3.4 time offset). */
    INT32(IntegerFormat.INT32),
    /** One octet, 0 or 1 (RFC 2132 section 4 and 5 flags). Text "true"/"false". */
    BOOLEAN(BooleanFormat.INSTANCE),
    /** NVT ASCII, at least one octet (RFC 2132 section 2). Text with \xNN escapes for other octets. */
    TEXT(TextFormat.INSTANCE),
    /** Opaque octets, any length. Text "01:02:0a". */
    BYTES(HexBytesFormat.INSTANCE),
    /** No value at all (RFC 4039 rapid commit). Text "". */
    EMPTY(EmptyFormat.INSTANCE),
    /** One or more octets (RFC 2132 9.8 parameter request list). Text "1, 3, 6". */
    UINT8_LIST(IntegerListFormat.UINT8),
    /** One or more 16-bit values, a multiple of 2 octets. Text "576, 1500". */
    UINT16_LIST(IntegerListFormat.UINT16),
    /** Exactly one octet (RFC 2132 9.6). Text "DHCPDISCOVER" (or "DISCOVER", or the number). */
    MESSAGE_TYPE(MessageTypeFormat.INSTANCE),
    /** Type octet plus at least one octet (RFC 2132 9.14, RFC 4361). Text in hex. */
    CLIENT_IDENTIFIER(ClientIdentifierFormat.INSTANCE),
    /** Sub-option TLVs (RFC 3046), with RFC 3527 and RFC 5107 sub-options checked for length. */
    RELAY_AGENT_INFORMATION(RelayAgentInformationFormat.INSTANCE),
    /** A list of DNS names in wire form, compression allowed (RFC 3397 section 2). Text "example.com, corp.example.com". */
    DOMAIN_LIST(DomainListFormat.INSTANCE),
    /** Classless static routes (RFC 3442 section 3). Text "10.0.0.0/8 192.0.2.1, 0.0.0.0/0 192.0.2.1". */
    CLASSLESS_ROUTES(ClasslessRoutesFormat.INSTANCE),
    /** Client FQDN (RFC 4702 section 2). Text "flags=SE rcode1=0 rcode2=0 name=host.example.com.". */
    FQDN(FqdnFormat.INSTANCE);

    private final ValueFormat format;

    OptionType(ValueFormat format) {
        this.format = format;
    }

    /** Empty when {@code value} is well formed for this type; otherwise a sentence saying what is wrong. */
    public Optional<String> validate(byte[] value) {
        return format.validate(value);
    }

    /**
     * Reads configuration text (forms in each constant's comment) into wire bytes.
     *
     * @throws IllegalArgumentException with a message that names the offending part of the text
     */
    public byte[] parseText(String text) {
        if (text == null) {
            throw new IllegalArgumentException(this + " value is missing");
        }
        byte[] value = format.parseText(text);
        // Text that parses into bytes the type rejects (e.g. a name over 255 octets) is a config error too.
        Optional<String> problem = format.validate(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("'" + text + "': " + problem.get());
        }
        return value;
    }

    /**
     * Renders the value as the text {@link #parseText} reads. Never throws: a value this type
     * rejects is rendered as colon hex, so that a log line about a bad option still prints.
     */
    public String format(byte[] value) {
        if (format.validate(value).isPresent()) {
            return HexFormat.ofDelimiter(":").formatHex(value);
        }
        return format.format(value);
    }
}
