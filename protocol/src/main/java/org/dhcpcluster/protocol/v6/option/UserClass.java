package org.dhcpcluster.protocol.v6.option;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.OctetWriter;

/**
 * The User Class option (RFC 8415 section 21.15): the classes the user or application
 * belongs to, each an opaque item, which server policy may match on.
 */
public record UserClass(List<byte[]> classes) {

    public UserClass {
        classes = LengthPrefixedItems.copy(classes);
    }

    /** @throws IllegalArgumentException if it is not option 15 or its items do not frame */
    public static UserClass fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.USER_CLASS) {
            throw new IllegalArgumentException("option " + option.code() + " is not a user class (15)");
        }
        return new UserClass(LengthPrefixedItems.read(option.value(), 0));
    }

    public DhcpV6Option toOption() {
        OctetWriter w = new OctetWriter();
        classes.forEach(w::lengthPrefixed);
        return new DhcpV6Option(DhcpV6OptionCode.USER_CLASS, w.toByteArray());
    }

    @Override
    public List<byte[]> classes() {
        return LengthPrefixedItems.copy(classes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserClass other && LengthPrefixedItems.equal(classes, other.classes);
    }

    @Override
    public int hashCode() {
        return LengthPrefixedItems.hash(classes);
    }

    @Override
    public String toString() {
        return classes.stream().map(c -> new String(c, StandardCharsets.US_ASCII)).collect(Collectors.joining(", ", "UserClass[", "]"));
    }
}
