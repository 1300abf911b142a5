package org.dhcpcluster.protocol.v6.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.DroppedOption;
import org.dhcpcluster.protocol.v6.option.DhcpV6OptionTable;
import org.dhcpcluster.protocol.v6.option.OptionTlvs;
import org.dhcpcluster.protocol.v6.option.V6OptionDefinition;

/**
 * Reads the options of one message layer and sorts each into kept, dropped or fatal, as
 * {@link DhcpV6Decoder} describes. Offsets in messages are from the start of the datagram,
 * so they can be found in a capture.
 */
final class OptionListDecoder {

    /** The layer's options, the ones dropped, and where its Relay Message option is (relay layers only). */
    record Decoded(DhcpV6Options options, List<DroppedOption> dropped, Optional<OptionTlvs.Located> relayMessage) {
    }

    private OptionListDecoder() {
    }

    /**
     * Decodes the options in {@code d[from, to)}.
     *
     * @param relay whether this is a relay layer, whose option 9 is set aside for the caller
     * @param where how to name this layer in error messages ("" for the outermost)
     */
    static Decoded decode(byte[] d, int from, int to, boolean relay, String where) throws DecodeException {
        OptionTlvs.Result framed = OptionTlvs.locate(d, from, to);
        if (framed.error().isPresent()) {
            // Without a trustworthy length nothing after this point can be read as an option.
            OptionTlvs.FramingError e = framed.error().get();
            throw new DecodeException.Truncated(e.what() + where, e.needed(), e.available());
        }
        DhcpV6Options.Builder kept = DhcpV6Options.builder();
        List<DroppedOption> dropped = new ArrayList<>();
        OptionTlvs.Located relayMessage = null;
        for (OptionTlvs.Located l : framed.options()) {
            if (relay && l.code() == DhcpV6OptionCode.RELAY_MSG) {
                if (relayMessage != null) {
                    throw malformed(l.code(), "a second one at offset " + l.offset()
                            + ": a relay message relays exactly one message (RFC 8415 section 9)" + where);
                }
                relayMessage = l;
                continue;
            }
            byte[] value = Arrays.copyOfRange(d, l.valueOffset(), l.end());
            Optional<String> problem = DhcpV6OptionTable.validate(l.code(), value);
            if (problem.isEmpty()) {
                kept.add(l.code(), value);
            } else if (DhcpV6OptionTable.byCode(l.code()).map(V6OptionDefinition::essential).orElse(false)) {
                throw malformed(l.code(), problem.get() + " (at offset " + l.offset() + where + ")");
            } else {
                dropped.add(new DroppedOption(l.code(), problem.get() + " (at offset " + l.offset() + ")"));
            }
        }
        DhcpV6Options options = kept.build();
        checkSingle(options, DhcpV6OptionCode.CLIENTID, where);
        checkSingle(options, DhcpV6OptionCode.SERVERID, where);
        if (relay && relayMessage == null) {
            throw malformed(DhcpV6OptionCode.RELAY_MSG, "missing: a relay message must carry the message it relays"
                    + " (RFC 8415 section 9)" + where);
        }
        return new Decoded(options, dropped, Optional.ofNullable(relayMessage));
    }

    /**
     * A message names one client and at most one server; with two identifiers the lease key
     * (and whether this server is addressed) would be a guess, so the message is refused.
     */
    private static void checkSingle(DhcpV6Options options, int code, String where) throws DecodeException {
        int n = options.count(code);
        if (n > 1) {
            throw malformed(code, "appears " + n + " times; a message carries at most one" + where);
        }
    }

    private static DecodeException.MalformedOption malformed(int code, String problem) {
        return new DecodeException.MalformedOption(code, DhcpV6OptionTable.nameOf(code), problem);
    }
}
