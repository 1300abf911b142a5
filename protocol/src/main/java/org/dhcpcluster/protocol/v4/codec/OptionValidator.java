package org.dhcpcluster.protocol.v4.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.DroppedOption;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.option.DhcpV4OptionTable;
import org.dhcpcluster.protocol.v4.option.OptionDefinition;

/**
 * Checks each joined option against the option table and sorts it into kept or dropped.
 * Runs after RFC 3396 concatenation because a split option is only meaningful whole.
 */
final class OptionValidator {

    record Result(DhcpV4Options options, List<DroppedOption> dropped) {
    }

    private OptionValidator() {
    }

    /**
     * Known options that fail their definition, and options cut off by the end of a field,
     * are dropped with the reason; unknown codes are kept as raw bytes (the server may relay
     * or log them, and a newer RFC may define them).
     *
     * @throws DecodeException.MalformedOption if option 53 is malformed: without a readable
     *         message type the server cannot tell what to answer, so the message is unusable
     */
    static Result validate(RawOptions raw) throws DecodeException.MalformedOption {
        DhcpV4Options.Builder kept = DhcpV4Options.builder();
        List<DroppedOption> dropped = new ArrayList<>(raw.framingDrops());
        for (RawOptions.Entry e : raw.entries()) {
            if (e.code() == OptionCode.OPTION_OVERLOAD) {
                continue; // consumed by the decoder's overload step, never part of a message
            }
            Optional<OptionDefinition> def = DhcpV4OptionTable.byCode(e.code());
            Optional<String> problem = e.incomplete() != null
                    ? Optional.of(e.incomplete())
                    : def.flatMap(d -> d.validate(e.value()));
            if (problem.isEmpty()) {
                kept.put(e.code(), e.value());
            } else if (e.code() == OptionCode.DHCP_MESSAGE_TYPE) {
                throw new DecodeException.MalformedOption(e.code(), DhcpV4OptionTable.nameOf(e.code()), problem.get());
            } else {
                dropped.add(new DroppedOption(e.code(), problem.get()));
            }
        }
        return new Result(kept.build(), dropped);
    }
}
