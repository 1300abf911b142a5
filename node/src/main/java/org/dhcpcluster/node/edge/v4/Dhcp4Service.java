package org.dhcpcluster.node.edge.v4;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.dhcpcluster.lease.concurrent.Stages;
import org.dhcpcluster.lease.v4.lease.ClientKey4;
import org.dhcpcluster.lease.v4.lease.Lease4Entity;
import org.dhcpcluster.lease.v4.lease.Reply4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.lease.v4.reply.ReplyBuilder4;
import org.dhcpcluster.node.edge.udp.Outgoing;
import org.dhcpcluster.node.logging.RateLimitedLog;
import org.dhcpcluster.node.metrics.DhcpMetrics;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.RelayAgentInformation;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv4 pipeline between a socket and the lease shards: decode, sanity checks, subnet
 * selection, routing to the client's lease entity, encoding, addressing. It holds no lease
 * state (invariant: edges are stateless); everything it knows comes from the policy and
 * the shards. Socket I/O is not here: {@link Dhcp4DatagramHandler} adapts it to Netty.
 */
public final class Dhcp4Service {
    private static final Logger log = LoggerFactory.getLogger(Dhcp4Service.class);
    /** RFC 1542 section 4.1.1: relays discard requests beyond 16 hops; so do we. */
    static final int MAX_HOPS = 16;
    /** Longer than the entity's own block timeout, so the entity reports before this gives up. */
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterSharding sharding;
    private final RateLimitedLog shardTimeoutLog = new RateLimitedLog(Duration.ofSeconds(10));
    private final RateLimitedLog poolExhaustedLog = new RateLimitedLog(Duration.ofSeconds(10));
    private final Supplier<Policy4> policy;
    private final DhcpMetrics metrics;
    private final int serverPort;
    private final int clientPort;


    public Dhcp4Service(ActorSystem<?> system, Supplier<Policy4> policy, DhcpMetrics metrics, int serverPort, int clientPort) {
        this.sharding = ClusterSharding.get(system);
        this.policy = policy;
        this.metrics = metrics;
        this.serverPort = serverPort;
        this.clientPort = clientPort;
    }

    public CompletionStage<Optional<Outgoing>> handle(byte[] datagram, Arrival arrival) {
        long started = System.nanoTime();
        DhcpV4Message request;
        try {
            request = DhcpV4Codec.decode(datagram);
        } catch (DecodeException e) {
            return drop(e.reason(), "undecodable datagram from {}: {}", arrival.sender(), e.getMessage());
        }
        if (request.op() != DhcpV4Message.BOOTREQUEST) {
            return drop("not_a_request", "BOOTREPLY from {} on the server port", arrival.sender(), request);
        }
        Optional<DhcpMessageType> type = request.messageType();
        if (type.isEmpty()) {
            return drop("bootp", "BOOTP request (no message type) from {} is not served", arrival.sender(), request);
        }
        metrics.received(type.get().name());
        if (!request.droppedOptions().isEmpty()) {
            request.droppedOptions().forEach(d -> metrics.optionDropped());
            log.debug("event=options_dropped from={} dropped={}", arrival.sender(), request.droppedOptions());
        }
        if (request.hops() > MAX_HOPS) {
            return drop("too_many_hops", "request from {} relayed {} times", arrival.sender(), request.hops());
        }
        Policy4 p = policy.get();
        Optional<Subnet4> subnet = SubnetSelector4.select(request, arrival, p);
        if (subnet.isEmpty()) {
            return drop("no_subnet", "no subnet for {} (giaddr {}, interface {})", request.clientHardwareAddressText(),
                    request.giaddr().getHostAddress(), arrival.interfaceName().orElse("-"));
        }
        int serverId = request.relayAgentInformation()
                .flatMap(RelayAgentInformation::serverIdentifierOverride)
                .map(Ipv4::toInt).orElse(p.serviceAddressInt());

        return answer(request, type.get(), subnet.get(), serverId).thenApply(reply -> reply.flatMap(r -> send(request, r, started)));
    }

    /**
     * The DHCPv4 message carried by a DHCPv4-over-DHCPv6 query (RFC 7341), answered by the same
     * lease path as one arriving over IPv4, for a client on {@code subnet}: the encoded reply, if
     * any. Addressing is the caller's: the answer travels back inside DHCPv6.
     */
    public CompletionStage<Optional<byte[]>> answerOverDhcpv6(byte[] dhcpV4, Subnet4 subnet) {
        long started = System.nanoTime();
        DhcpV4Message request;
        try {
            request = DhcpV4Codec.decode(dhcpV4);
        } catch (DecodeException e) {
            return drop(e.reason(), "undecodable DHCPv4 message in a DHCPV4-QUERY: {}", e.getMessage());
        }
        Optional<DhcpMessageType> type = request.messageType();
        if (request.op() != DhcpV4Message.BOOTREQUEST || type.isEmpty()) {
            return drop("not_a_request", "DHCPV4-QUERY carrying {}", request);
        }
        metrics.received(type.get().name());
        return answer(request, type.get(), subnet, policy.get().serviceAddressInt()).thenApply(reply -> reply.flatMap(r -> {
            Optional<byte[]> encoded = encode(request, r);
            encoded.ifPresent(e -> answered(r, started));
            return encoded;
        }));
    }

    /** What the lease path answers to a checked request from a client on {@code subnet}. */
    private CompletionStage<Optional<DhcpV4Message>> answer(DhcpV4Message request, DhcpMessageType type, Subnet4 subnet, int serverId) {
        if (type.equals(DhcpMessageType.INFORM)) {
            // Configuration only: answered here, no lease entity needs to wake up for it.
            return CompletableFuture.completedFuture(Optional.of(ReplyBuilder4.informAck(request, Ipv4.fromInt(serverId), subnet,
                    subnet.reservationFor(request.clientHardwareAddressText(), request.clientIdentifier().map(c -> c.toHex())))));
        }
        if (!isServed(type)) {
            return drop("unsupported_type", "{} from {} is not served", type, request.clientHardwareAddressText());
        }
        String entityId = ClientKey4.entityId(subnet.id(), ClientKey4.of(request));
        return Stages.plain(sharding.entityRefFor(Lease4Entity.TYPE_KEY, entityId)
                .<Reply4>ask(replyTo -> new Lease4Entity.Handle(request, subnet.id(), serverId, replyTo), ASK_TIMEOUT))
                .handle((reply, failure) -> {
                    if (failure != null) {
                        metrics.dropped("shard_timeout");
                        shardTimeoutLog.log(suppressed -> log.warn("event=shard_timeout client={} subnet={} error=\"{}\" suppressed_since_last={}",
                                entityId, subnet.id(), failure.getMessage(), suppressed));
                        return Optional.<DhcpV4Message>empty();
                    }
                    if (reply instanceof Reply4.NoAnswer n) {
                        metrics.silent(n.reason().name().toLowerCase());
                        if (n.reason() == Reply4.Silence.POOL_EXHAUSTED) {
                            poolExhaustedLog.log(suppressed -> log.warn("event=pool_exhausted subnet={} client={} detail=\"{}\" "
                                    + "suppressed_since_last={}", subnet.id(), entityId, n.detail(), suppressed));
                        } else {
                            log.debug("event=silent reason={} client={} detail=\"{}\"", n.reason(), entityId, n.detail());
                        }
                        return Optional.<DhcpV4Message>empty();
                    }
                    return Optional.of(((Reply4.Answer) reply).message());
                });
    }

    private static boolean isServed(DhcpMessageType t) {
        return t.equals(DhcpMessageType.DISCOVER) || t.equals(DhcpMessageType.REQUEST)
                || t.equals(DhcpMessageType.RELEASE) || t.equals(DhcpMessageType.DECLINE);
    }

    private Optional<Outgoing> send(DhcpV4Message request, DhcpV4Message reply, long startedNanos) {
        return encode(request, reply).map(bytes -> {
            answered(reply, startedNanos);
            return new Outgoing(bytes, ReplyDestination4.of(request, reply, serverPort, clientPort));
        });
    }

    private Optional<byte[]> encode(DhcpV4Message request, DhcpV4Message reply) {
        Optional<byte[]> encoded = ReplyFitter4.encode(reply, DhcpV4Codec.maxPayloadFor(request));
        if (encoded.isEmpty()) {
            metrics.dropped("reply_too_large");
            log.warn("event=reply_too_large client={} max_payload={}", request.clientHardwareAddressText(), DhcpV4Codec.maxPayloadFor(request));
        }
        return encoded;
    }

    private void answered(DhcpV4Message reply, long startedNanos) {
        metrics.answered(reply.messageType().map(DhcpMessageType::name).orElse("BOOTREPLY"));
        metrics.exchangeTook(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private <T> CompletionStage<Optional<T>> drop(String reason, String format, Object... args) {
        metrics.dropped(reason);
        if (log.isDebugEnabled()) {
            log.debug("event=dropped reason=" + reason + " " + format, args);
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
