package org.dhcpcluster.protocol.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dhcpcluster.protocol.v6.option.StatusCodeOption;

/**
 * A message between client and server (RFC 8415 section 8): msg-type, a 24-bit
 * transaction-id the client chose and every reply repeats, and options.
 */
public record ClientServerMessage(DhcpV6MessageType type, int transactionId, DhcpV6Options options,
                                  List<DroppedOption> droppedOptions) implements DhcpV6Message, OptionAccessors {
    public static final int MAX_TRANSACTION_ID = 0xFF_FFFF;

    public ClientServerMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        if (type.layout() != DhcpV6MessageType.Layout.CLIENT_SERVER) {
            throw new IllegalArgumentException(type + " is not a client/server message type (RFC 8415 section 7.3)");
        }
        if (transactionId < 0 || transactionId > MAX_TRANSACTION_ID) {
            throw new IllegalArgumentException("transaction-id is 24 bits: 0x" + Integer.toHexString(transactionId));
        }
        droppedOptions = List.copyOf(droppedOptions);
    }

    public static Builder builder(DhcpV6MessageType type) {
        return new Builder(type);
    }

    /**
     * A reply prefilled from a request: same transaction-id and the client's Client Identifier
     * option, which every server reply carries back (RFC 8415 section 18.3).
     */
    public static Builder replyTo(ClientServerMessage request, DhcpV6MessageType type) {
        Builder b = new Builder(type).transactionId(request.transactionId);
        request.options.option(DhcpV6OptionCode.CLIENTID).ifPresent(b::add);
        return b;
    }

    public Builder toBuilder() {
        Builder b = new Builder(type).transactionId(transactionId);
        b.options.addAll(options);
        return b;
    }

    @Override
    public String toString() {
        return type + "[xid=0x" + Integer.toHexString(transactionId) + " options=" + options
                + (droppedOptions.isEmpty() ? "" : " dropped=" + droppedOptions) + "]";
    }

    /** Builds client/server messages; options stay in the order added. */
    public static final class Builder {
        private final DhcpV6MessageType type;
        private int transactionId;
        private final DhcpV6Options.Builder options = DhcpV6Options.builder();
        private final List<DroppedOption> dropped = new ArrayList<>();

        private Builder(DhcpV6MessageType type) {
            this.type = type;
        }

        public Builder transactionId(int v) {
            transactionId = v;
            return this;
        }

        /** Appends an option, after any with the same code. */
        public Builder add(DhcpV6Option option) {
            options.add(option);
            return this;
        }

        /** Makes this the only option with its code (see {@link DhcpV6Options.Builder#set}). */
        public Builder set(DhcpV6Option option) {
            options.set(option);
            return this;
        }

        public Builder remove(int code) {
            options.remove(code);
            return this;
        }

        public Builder clientId(Duid duid) {
            return set(duid.asClientId());
        }

        public Builder serverId(Duid duid) {
            return set(duid.asServerId());
        }

        /** A message-level Status Code (RFC 8415 21.13). */
        public Builder status(StatusCode code, String message) {
            return set(new StatusCodeOption(code, message).toOption());
        }

        public Builder dropped(DroppedOption d) {
            dropped.add(d);
            return this;
        }

        public ClientServerMessage build() {
            return new ClientServerMessage(type, transactionId, options.build(), dropped);
        }
    }
}
