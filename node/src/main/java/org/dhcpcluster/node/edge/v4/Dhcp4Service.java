package org.dhcpcluster.node.edge.v4;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.net.Inet4Address;
import java.time.Clock;
import org.dhcpcluster.lease.transaction.FirstReports;
import org.dhcpcluster.lease.v4.Answer4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.lease.v4.Leases4;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.node.edge.udp.Outgoing;
import org.dhcpcluster.node.logging.RateLimitedLog;
import org.dhcpcluster.node.metrics.DhcpMetrics;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import org.dhcpcluster.protocol.v4.RelayAgentInformation;
import org.dhcpcluster.protocol.v4.codec.DhcpV4Codec;
import org.dhcpcluster.node.edge.admission.Admission;
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

    private final Leases4 leases;
    private final FirstReports firstReports;
    private final Clock clock;
    private final RateLimitedLog unavailableLog = new RateLimitedLog(Duration.ofSeconds(10));
    private final RateLimitedLog poolExhaustedLog = new RateLimitedLog(Duration.ofSeconds(10));
    private final Supplier<Policy4> policy;
    private final DhcpMetrics metrics;
    private final int serverPort;
    private final int clientPort;
    private final Admission admission;

    public Dhcp4Service(Leases4 leases, FirstReports firstReports, Supplier<Policy4> policy, DhcpMetrics metrics, int serverPort,
                        int clientPort, Admission admission, Clock clock) {
        this.admission = admission;
        this.leases = leases;
        this.firstReports = firstReports;
        this.clock = clock;
        this.policy = policy;
        this.metrics = metrics;
        this.serverPort = serverPort;
        this.clientPort = clientPort;
    }

    public CompletionStage<Optional<Outgoing>> handle(byte[] datagram, Arrival arrival) {
        long started = System.nanoTime();
        long receivedAt = clock.millis();
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
        Optional<String> refused = admission.admit(source(request, arrival), subnet.get().id(), receivedAt);
        if (refused.isPresent()) {
            return drop(refused.get(), "{} from {} for subnet {}", type.get(), arrival.sender(), subnet.get().id());
        }
        int serverId = request.relayAgentInformation()
                .flatMap(RelayAgentInformation::serverIdentifierOverride)
                .map(Ipv4::toInt).orElse(p.serviceAddressInt());

        return answer(request, type.get(), subnet.get(), serverId, receivedAt).thenApply(reply -> reply.flatMap(r -> send(request, r, started)));
    }

    /**
     * Whom a request is charged to: the relay (giaddr) that forwarded it, else the link it was
     * broadcast on (directly attached clients send from 0.0.0.0, so their addresses say nothing).
     */
    private static String source(DhcpV4Message request, Arrival arrival) {
        if (!request.giaddr().equals(Ipv4.ANY)) {
            return "relay " + request.giaddr().getHostAddress();
        }
        return arrival.interfaceName().map(i -> "link " + i).orElse("sender " + arrival.sender().getAddress().getHostAddress());
    }

    /**
     * The DHCPv4 message carried by a DHCPv4-over-DHCPv6 query (RFC 7341), answered by the same
     * lease path as one arriving over IPv4, for a client on {@code subnet}: the encoded reply, if
     * any. Addressing is the caller's: the answer travels back inside DHCPv6.
     */
    public CompletionStage<Optional<byte[]>> answerOverDhcpv6(byte[] dhcpV4, Subnet4 subnet) {
        long started = System.nanoTime();
        long receivedAt = clock.millis();
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
        return answer(request, type.get(), subnet, policy.get().serviceAddressInt(), receivedAt).thenApply(reply -> reply.flatMap(r -> {
            Optional<byte[]> encoded = encode(request, r);
            encoded.ifPresent(e -> answered(r, started));
            return encoded;
        }));
    }

    /** What the lease path answers to a checked request from a client on {@code subnet}. */
    private CompletionStage<Optional<DhcpV4Message>> answer(DhcpV4Message request, DhcpMessageType type, Subnet4 subnet, int serverId,
                                                           long receivedAt) {
        Inet4Address server = Ipv4.fromInt(serverId);
        if (type.equals(DhcpMessageType.INFORM)) {
            // Configuration only, no partition involved: one answer per transaction comes from the
            // first node to report it (a broadcast INFORM reaches every node on the link).
            byte[] key = ClientKey4.of(request);
            byte[] client = java.nio.ByteBuffer.allocate(4 + key.length).putInt(subnet.id()).put(key).array();
            return firstReports.first(client, request.xid(), type.code(), request.secs(), receivedAt).thenApply(first -> {
                if (!first) {
                    metrics.silent("duplicate");
                    return Optional.<DhcpV4Message>empty();
                }
                return Optional.of(ReplyBuilder4.informAck(request, server, subnet, reservation(request, subnet)));
            });
        }
        if (!isServed(type)) {
            return drop("unsupported_type", "{} from {} is not served", type, request.clientHardwareAddressText());
        }
        return leases.handle(request, subnet, serverId, receivedAt).thenApply(answer -> {
            if (answer instanceof Answer4.Offer o) {
                return Optional.of(ReplyBuilder4.offer(request, server, subnet, o.reserved() ? reservation(request, subnet) : Optional.empty(),
                        o.address(), o.leaseSeconds()));
            }
            if (answer instanceof Answer4.Ack a) {
                return Optional.of(ReplyBuilder4.ack(request, server, subnet, a.reserved() ? reservation(request, subnet) : Optional.empty(),
                        a.address(), a.leaseSeconds()));
            }
            if (answer instanceof Answer4.Nak n) {
                return Optional.of(ReplyBuilder4.nak(request, server, n.message()));
            }
            Answer4.Silent silent = answer instanceof Answer4.Silent s ? s
                    : new Answer4.Silent(Answer4.Silence.POOL_EXHAUSTED, String.valueOf(answer));
            metrics.silent(silent.reason().name().toLowerCase());
            if (silent.reason() == Answer4.Silence.POOL_EXHAUSTED) {
                poolExhaustedLog.log(suppressed -> log.warn("event=pool_exhausted subnet={} client={} detail=\"{}\" suppressed_since_last={}",
                        subnet.id(), request.clientHardwareAddressText(), silent.detail(), suppressed));
            } else if (silent.reason() == Answer4.Silence.PARTITION_UNAVAILABLE) {
                unavailableLog.log(suppressed -> log.warn("event=partition_unavailable subnet={} detail=\"{}\" suppressed_since_last={}",
                        subnet.id(), silent.detail(), suppressed));
            } else {
                log.debug("event=silent reason={} client={} detail=\"{}\"", silent.reason(), request.clientHardwareAddressText(), silent.detail());
            }
            return Optional.<DhcpV4Message>empty();
        });
    }

    private static Optional<Reservation4> reservation(DhcpV4Message request, Subnet4 subnet) {
        return subnet.reservationFor(request.clientHardwareAddressText(), request.clientIdentifier().map(c -> c.toHex()));
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
