package org.dhcpcluster.node.edge.v4;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Option;
import org.dhcpcluster.protocol.v4.OptionCode;
import org.dhcpcluster.protocol.v4.codec.DhcpEncodeException;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;

/**
 * Encodes a reply within the client's size limit. When configured options don't fit even
 * with overload, options are left out from the end (the least wanted in the client's
 * parameter request order) until the reply fits; the protocol's own options are never
 * left out: a shorter reply beats no reply.
 */
final class ReplyFitter4 {
    private static final Set<Integer> ESSENTIAL = Set.of(OptionCode.DHCP_MESSAGE_TYPE, OptionCode.SERVER_IDENTIFIER,
            OptionCode.IP_ADDRESS_LEASE_TIME, OptionCode.RENEWAL_TIME, OptionCode.REBINDING_TIME, OptionCode.SUBNET_MASK,
            OptionCode.MESSAGE, OptionCode.CLIENT_IDENTIFIER, OptionCode.RELAY_AGENT_INFORMATION);

    private ReplyFitter4() {
    }

    static Optional<byte[]> encode(DhcpV4Message reply, int maxPayload) {
        DhcpV4Message candidate = reply;
        while (true) {
            try {
                return Optional.of(DhcpV4Codec.encode(candidate, maxPayload));
            } catch (DhcpEncodeException tooLarge) {
                List<DhcpV4Option> options = candidate.options().all();
                Optional<DhcpV4Option> last = options.stream().filter(o -> !ESSENTIAL.contains(o.code()))
                        .reduce((a, b) -> b);
                if (last.isEmpty()) {
                    return Optional.empty();
                }
                candidate = candidate.toBuilder().removeOption(last.get().code()).build();
            }
        }
    }
}
