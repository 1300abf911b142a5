package org.dhcpcluster.protocol.v6.option;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.dhcpcluster.protocol.v6.BigEndian;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.OctetWriter;
import org.dhcpcluster.protocol.v6.StatusCode;

/**
 * The Status Code option (RFC 8415 section 21.13): a 16-bit code and a UTF-8 message for
 * people. The code is what clients act on; a message that is not valid UTF-8 is read with
 * replacement characters rather than making the whole option (and the IA around it) unusable.
 */
public record StatusCodeOption(StatusCode code, String message) {
    public static final int MIN_LENGTH = 2;

    public StatusCodeOption {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** @throws IllegalArgumentException if it is not option 13 or is shorter than its 2-octet code */
    public static StatusCodeOption fromOption(DhcpV6Option option) {
        if (option.code() != DhcpV6OptionCode.STATUS_CODE) {
            throw new IllegalArgumentException("option " + option.code() + " is not a status code (13)");
        }
        byte[] v = option.value();
        if (v.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a status code needs at least 2 octets, got " + v.length);
        }
        return new StatusCodeOption(StatusCode.valueOf(BigEndian.u16(v, 0)),
                new String(Arrays.copyOfRange(v, 2, v.length), StandardCharsets.UTF_8));
    }

    public DhcpV6Option toOption() {
        // Not null-terminated: section 21.13 says the message "MUST NOT be null-terminated".
        return new DhcpV6Option(DhcpV6OptionCode.STATUS_CODE,
                new OctetWriter().u16(code.code()).bytes(message.getBytes(StandardCharsets.UTF_8)).toByteArray());
    }

    @Override
    public String toString() {
        return code + (message.isEmpty() ? "" : " \"" + message + "\"");
    }
}
