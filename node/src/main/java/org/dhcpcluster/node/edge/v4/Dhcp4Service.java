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

        if (type.get().equals(DhcpMessageType.INFORM)) {
            // Configuration only: answered here, no lease entity needs to wake up for it.
            DhcpV4Message ack = ReplyBuilder4.informAck(request, Ipv4.fromInt(serverId), subnet.get(),
                    subnet.get().reservationFor(request.clientHardwareAddressText(), request.clientIdentifier().map(c -> c.toHex())));
            return CompletableFuture.completedFuture(send(request, ack, started));
        }
        if (!isServed(type.get())) {
            return drop("unsupported_type", "{} from {} is not served", type.get(), arrival.sender());
        }
        String entityId = ClientKey4.entityId(subnet.get().id(), ClientKey4.of(request));
        int sid = serverId;
        return Stages.plain(sharding.entityRefFor(Lease4Entity.TYPE_KEY, entityId)
                .<Reply4>ask(replyTo -> new Lease4Entity.Handle(request, subnet.get().id(), sid, replyTo), ASK_TIMEOUT))
                .handle((reply, failure) -> {
                    if (failure != null) {
                        metrics.dropped("shard_timeout");
                        shardTimeoutLog.log(suppressed -> log.warn("event=shard_timeout client={} subnet={} error=\"{}\" suppressed_since_last={}",
                                entityId, subnet.get().id(), failure.getMessage(), suppressed));
                        return Optional.<Outgoing>empty();
                    }
                    if (reply instanceof Reply4.NoAnswer n) {
                        metrics.silent(n.reason().name().toLowerCase());
                        if (n.reason() == Reply4.Silence.POOL_EXHAUSTED) {
                            poolExhaustedLog.log(suppressed -> log.warn("event=pool_exhausted subnet={} client={} detail=\"{}\" "
                                    + "suppressed_since_last={}", subnet.get().id(), entityId, n.detail(), suppressed));
                        } else {
                            log.debug("event=silent reason={} client={} detail=\"{}\"", n.reason(), entityId, n.detail());
                        }
                        return Optional.<Outgoing>empty();
                    }
                    return send(request, ((Reply4.Answer) reply).message(), started);
                });
    }

    private static boolean isServed(DhcpMessageType t) {
        return t.equals(DhcpMessageType.DISCOVER) || t.equals(DhcpMessageType.REQUEST)
                || t.equals(DhcpMessageType.RELEASE) || t.equals(DhcpMessageType.DECLINE);
    }

    private Optional<Outgoing> send(DhcpV4Message request, DhcpV4Message reply, long startedNanos) {
        Optional<byte[]> encoded = ReplyFitter4.encode(reply, DhcpV4Codec.maxPayloadFor(request));
        if (encoded.isEmpty()) {
            metrics.dropped("reply_too_large");
            log.warn("event=reply_too_large client={} max_payload={}", request.clientHardwareAddressText(), DhcpV4Codec.maxPayloadFor(request));
            return Optional.empty();
        }
        byte[] bytes = encoded.get();
        metrics.answered(reply.messageType().map(DhcpMessageType::name).orElse("BOOTREPLY"));
        metrics.exchangeTook(Duration.ofNanos(System.nanoTime() - startedNanos));
        return Optional.of(new Outgoing(bytes, ReplyDestination4.of(request, reply, serverPort, clientPort)));
    }

    private CompletionStage<Optional<Outgoing>> drop(String reason, String format, Object... args) {
        metrics.dropped(reason);
        if (log.isDebugEnabled()) {
            log.debug("event=dropped reason=" + reason + " " + format, args);
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
