package org.dhcpcluster.node.edge.v6;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import java.time.Clock;
import org.dhcpcluster.lease.transaction.FirstReports;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v6.Hint6;
import org.dhcpcluster.lease.v6.IaReply;
import org.dhcpcluster.lease.v6.IaType;
import org.dhcpcluster.lease.v6.Kind6;
import org.dhcpcluster.lease.v6.Leases6;
import org.dhcpcluster.lease.v6.policy.Policy6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.node.edge.udp.Outgoing;
import org.dhcpcluster.node.edge.v4.Dhcp4Service;
import org.dhcpcluster.node.logging.RateLimitedLog;
import org.dhcpcluster.node.metrics.DhcpMetrics;
import org.dhcpcluster.protocol.DecodeException;
import org.dhcpcluster.protocol.v6.ClientServerMessage;
import org.dhcpcluster.protocol.v6.Dhcp4o6Message;
import org.dhcpcluster.protocol.v6.DhcpV6MessageType;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.RelayChain;
import org.dhcpcluster.protocol.v6.codec.DhcpV6Codec;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.node.edge.admission.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv6 pipeline between a socket and the lease shards: decode, unwrap relays, RFC 8415
 * section 16 checks, link selection, one ask per IA to its lease entity, one reply assembled
 * from their answers, wrapped back through the relays. Like the v4 edge it holds no lease
 * state; socket I/O lives in {@link Dhcp6DatagramHandler}.
 */
public final class Dhcp6Service {
    private static final Logger log = LoggerFactory.getLogger(Dhcp6Service.class);
    /** RFC 8357: a relay sending from a port other than 547 says so with this option, and is answered there. */
    static final int RELAY_SOURCE_PORT = 135;

    private final Leases6 leases;
    private final Clock clock;
    private final FirstReports firstReports;
    private final Supplier<Policy6> policy;
    private final Duid server;
    private final DhcpMetrics metrics;
    private final int serverPort;
    private final int preference;
    private final Optional<Dhcp4o6Responder> dhcp4o6;
    private final RateLimitedLog unavailableLog = new RateLimitedLog(Duration.ofSeconds(10));
    private final Admission admission;


    /** {@code dhcp4o6} answers DHCPV4-QUERY (RFC 7341) through the node's DHCPv4 service; empty drops them. */
    public Dhcp6Service(ActorSystem<?> system, Leases6 leases, Supplier<Policy6> policy, Duid server, DhcpMetrics metrics, int serverPort,
                        int preference, Optional<Dhcp4o6> dhcp4o6, Admission admission, Clock clock) {
        this.admission = admission;
        this.leases = leases;
        this.clock = clock;
        this.firstReports = new FirstReports(system);
        this.policy = policy;
        this.server = server;
        this.metrics = metrics;
        this.serverPort = serverPort;
        this.preference = preference;
        this.dhcp4o6 = dhcp4o6.map(d -> new Dhcp4o6Responder(d.v4(), d.policy4(), d.links()));
    }

    public CompletionStage<Optional<Outgoing>> handle(byte[] datagram, Arrival6 arrival) {
        long started = System.nanoTime();
        long receivedAt = clock.millis();
        RelayChain chain;
        try {
            chain = RelayChain.unwrap(DhcpV6Codec.decode(datagram));
        } catch (DecodeException e) {
            return drop(e.reason(), "undecodable datagram from {}: {}", arrival.sender(), e.getMessage());
        }
        if (chain.innermost() instanceof Dhcp4o6Message query) {
            return dhcp4o6(query, chain, arrival, started);
        }
        if (!(chain.innermost() instanceof ClientServerMessage request)) {
            return drop("unknown_message_type", "{} from {} is not served", chain.innermost(), arrival.sender());
        }
        metrics.received(request.type().name());
        if (!request.droppedOptions().isEmpty()) {
            request.droppedOptions().forEach(d -> metrics.optionDropped());
            log.debug("event=options_dropped protocol=dhcpv6 from={} dropped={}", arrival.sender(), request.droppedOptions());
        }
        Optional<String> violation = ClientRules6.violation(request, server);
        if (violation.isPresent()) {
            return drop(violation.get(), "{} from {} breaks RFC 8415 section 16", request.type(), arrival.sender());
        }
        Policy6 p = policy.get();
        Optional<Subnet6> subnet = LinkSelector6.select(chain, arrival, p);
        if (subnet.isEmpty()) {
            return drop("no_subnet", "no link for {} (relayed: {}, interface {})", arrival.sender(), chain.clientLinkAddress(),
                    arrival.interfaceName().orElse("-"));
        }
        // A relayed message is charged to the relay that sent the datagram, a direct one to its link.
        String source = chain.isRelayed() ? "relay " + arrival.sender().getAddress().getHostAddress()
                : arrival.interfaceName().map(i -> "link " + i).orElse("sender " + arrival.sender().getAddress().getHostAddress());
        Optional<String> refused = admission.admit(source, subnet.get().id(), receivedAt);
        if (refused.isPresent()) {
            return drop(refused.get(), "{} from {} for subnet {}", request.type(), arrival.sender(), subnet.get().id());
        }
        DhcpV6MessageType t = request.type();
        boolean stateless = t.equals(DhcpV6MessageType.INFORMATION_REQUEST) || t.equals(DhcpV6MessageType.CONFIRM);
        if (stateless) {
            // No partition sees these: one answer per transaction comes from the first node to report it.
            return firstReports.first(statelessClient(chain, arrival, request, subnet.get()), request.transactionId(), t.code(),
                    request.elapsedTime().orElse(0), receivedAt).thenCompose(first -> {
                        if (!first) {
                            metrics.silent("duplicate");
                            return CompletableFuture.completedFuture(Optional.<Outgoing>empty());
                        }
                        return t.equals(DhcpV6MessageType.CONFIRM) ? confirm(chain, arrival, request, subnet.get(), started)
                                : done(send(chain, arrival, ReplyBuilder6.information(request, server, subnet.get()), started));
                    });
        }
        List<IdentityAssociation> ias = new ArrayList<>();
        ias.addAll(request.iaNa());
        ias.addAll(request.iaTa());
        ias.addAll(request.iaPd());
        Optional<String> tooMany = admission.admitIas(ias.size());
        if (tooMany.isPresent()) {
            return drop(tooMany.get(), "{} from {} carries {} IAs", t, arrival.sender(), ias.size());
        }
        boolean commit = t.equals(DhcpV6MessageType.SOLICIT) && request.rapidCommit() && subnet.get().rapidCommit();
        DhcpV6MessageType replyType = t.equals(DhcpV6MessageType.SOLICIT) && !commit ? DhcpV6MessageType.ADVERTISE : DhcpV6MessageType.REPLY;
        if (ias.isEmpty()) {
            return done(send(chain, arrival, ReplyBuilder6.withIas(request, replyType, server, subnet.get(), List.of(), preference, commit), started));
        }
        String via = chain.clientLinkAddress().map(a -> Address128.of(a).format())
                .orElse(arrival.interfaceName().map(i -> "interface " + i).orElse(null));
        Leases6.Message message = new Leases6.Message(kindOf(t), t.code(), request.transactionId(), request.elapsedTime().orElse(0),
                request.clientId().orElseThrow().bytes(), commit, via, receivedAt);
        List<CompletableFuture<IaReply>> answers = new ArrayList<>();
        for (IdentityAssociation ia : ias) {
            Leases6.Ia asked = new Leases6.Ia(IaType.valueOf(ia.type().name()), ia.iaid(), hints(ia));
            answers.add(leases.handle(message, asked, subnet.get()).toCompletableFuture());
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            if (failure != null) {
                return unavailable(failure.getMessage());
            }
            List<IaOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < ias.size(); i++) {
                IaReply r = answers.get(i).join();
                if (r instanceof IaReply.IaUnavailable u) {
                    return unavailable(u.why());
                }
                outcomes.add(new IaOutcome(ias.get(i), (IaReply.IaAnswer) r));
            }
            // The first IA decides for the message: copies of one message meet its entity in order.
            if (outcomes.get(0).answer().copy()) {
                metrics.silent("duplicate");
                return Optional.<Outgoing>empty();
            }
            // A DECLINE the flood limits did not honour is still answered (Success), so counted apart.
            outcomes.forEach(o -> {
                if (o.answer().declineRefused() != null) {
                    metrics.declineRefused(o.answer().declineRefused().name().toLowerCase(Locale.ROOT));
                }
            });
            return send(chain, arrival, ReplyBuilder6.withIas(request, replyType, server, subnet.get(), outcomes, preference, commit), started);
        });
    }

    private CompletionStage<Optional<Outgoing>> dhcp4o6(Dhcp4o6Message query, RelayChain chain, Arrival6 arrival, long started) {
        metrics.received(query.type().name());
        if (dhcp4o6.isEmpty()) {
            return drop("dhcp4o6_not_configured", "{} from {}: no DHCPv4 service for DHCPv4-over-DHCPv6", query, arrival.sender());
        }
        return dhcp4o6.get().answer(query, chain, arrival).thenApply(outcome -> {
            if (!outcome.dropReason().isEmpty()) {
                metrics.dropped(outcome.dropReason());
                return Optional.<Outgoing>empty();
            }
            return outcome.response().map(response -> {
                metrics.answered(response.type().name());
                metrics.exchangeTook(Duration.ofNanos(System.nanoTime() - started));
                return new Outgoing(DhcpV6Codec.encode(chain.wrap(response)), destination(chain, arrival));
            });
        });
    }

    private CompletionStage<Optional<Outgoing>> confirm(RelayChain chain, Arrival6 arrival, ClientServerMessage request, Subnet6 subnet,
                                                        long started) {
        List<Address128> addresses = new ArrayList<>();
        for (IdentityAssociation ia : request.iaNa()) {
            ia.addresses().forEach(a -> addresses.add(Address128.of(a.address())));
        }
        for (IdentityAssociation ia : request.iaTa()) {
            ia.addresses().forEach(a -> addresses.add(Address128.of(a.address())));
        }
        if (addresses.isEmpty()) {
            // Section 18.3.3: nothing to confirm, so no reply.
            return drop("confirm_without_addresses", "CONFIRM from {} lists no address", arrival.sender());
        }
        boolean onLink = addresses.stream().allMatch(subnet::onLink);
        return done(send(chain, arrival, ReplyBuilder6.confirmed(request, server, onLink), started));
    }

    /**
     * Who sent a stateless message: its link and DUID, or (an INFORMATION-REQUEST may carry no
     * Client Identifier) its link-local address as the relay or the socket saw it.
     */
    private static byte[] statelessClient(RelayChain chain, Arrival6 arrival, ClientServerMessage request, Subnet6 subnet) {
        byte[] who = request.clientId().map(Duid::bytes).orElseGet(() -> chain.firstRelay().map(h -> h.peerAddress().getAddress())
                .orElse(arrival.sender().getAddress().getAddress()));
        return java.nio.ByteBuffer.allocate(4 + who.length).putInt(subnet.id()).put(who).array();
    }

    private static List<Hint6> hints(IdentityAssociation ia) {
        List<Hint6> hints = new ArrayList<>();
        for (IaAddress a : ia.addresses()) {
            hints.add(new Hint6(Address128.of(a.address()), 128));
        }
        for (IaPrefix p : ia.prefixes()) {
            if (p.prefixLength() >= 1 && p.prefixLength() <= 128) {
                hints.add(new Hint6(Address128.of(p.prefix()).clearLow(128 - p.prefixLength()), p.prefixLength()));
            }
        }
        return hints;
    }

    private static Kind6 kindOf(DhcpV6MessageType t) {
        if (t.equals(DhcpV6MessageType.SOLICIT)) {
            return Kind6.SOLICIT;
        } else if (t.equals(DhcpV6MessageType.REQUEST)) {
            return Kind6.REQUEST;
        } else if (t.equals(DhcpV6MessageType.RENEW)) {
            return Kind6.RENEW;
        } else if (t.equals(DhcpV6MessageType.REBIND)) {
            return Kind6.REBIND;
        } else if (t.equals(DhcpV6MessageType.RELEASE)) {
            return Kind6.RELEASE;
        }
        return Kind6.DECLINE;
    }

    private Optional<Outgoing> unavailable(String why) {
        metrics.dropped("shard_timeout");
        unavailableLog.log(suppressed -> log.warn("event=shard_timeout protocol=dhcpv6 error=\"{}\" suppressed_since_last={}", why, suppressed));
        return Optional.empty();
    }

    private Optional<Outgoing> send(RelayChain chain, Arrival6 arrival, ClientServerMessage reply, long startedNanos) {
        byte[] bytes = DhcpV6Codec.encode(chain.wrap(reply));
        metrics.answered(reply.type().name());
        metrics.exchangeTook(Duration.ofNanos(System.nanoTime() - startedNanos));
        return Optional.of(new Outgoing(bytes, destination(chain, arrival)));
    }

    /**
     * Section 19.3: a Relay-reply goes back to the relay on the server port (or, RFC 8357, the
     * port it sent from when it says it uses another); a direct reply to the client's own
     * address and port, out of the interface it came in on.
     */
    private InetSocketAddress destination(RelayChain chain, Arrival6 arrival) {
        if (chain.isRelayed() && !chain.hops().get(0).options().contains(RELAY_SOURCE_PORT)) {
            return new InetSocketAddress(arrival.sender().getAddress(), serverPort);
        }
        return arrival.sender();
    }

    /** The DHCPv4 side a DHCPv4-over-DHCPv6 query is answered by. */
    public record Dhcp4o6(Dhcp4Service v4, Supplier<Policy4> policy4, Dhcp4o6Links links) {
    }

    private static CompletionStage<Optional<Outgoing>> done(Optional<Outgoing> out) {
        return CompletableFuture.completedFuture(out);
    }

    private CompletionStage<Optional<Outgoing>> drop(String reason, String format, Object... args) {
        metrics.dropped(reason);
        if (log.isDebugEnabled()) {
            log.debug("event=dropped protocol=dhcpv6 reason=" + reason + " " + format, args);
        }
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
