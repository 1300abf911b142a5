package org.dhcpcluster.lease.v4;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.dhcpcluster.lease.concurrent.Stages;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionAnswer;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.v4.Answer4.Silence;
import org.dhcpcluster.lease.v4.policy.Policy4;
import org.dhcpcluster.lease.v4.policy.Reservation4;
import org.dhcpcluster.lease.v4.policy.Subnet4;
import org.dhcpcluster.protocol.v4.DhcpMessageType;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.Ipv4;
import java.util.function.Supplier;

/**
 * Finds the partition a DHCPv4 message belongs to and asks it; what the edge calls. Holds no
 * state (edges are stateless).
 *
 * <ul>
 *   <li>A message about a known address (REQUEST, RELEASE, DECLINE) goes to the partition that
 *       owns that address, the only one that can bind it.</li>
 *   <li>A DISCOVER goes to the client's reserved address's partition, then to the partition of
 *       the address it asked for, then through the subnet's partitions starting at its
 *       <em>home</em>, a stable hash of its key: a client is placed at home unless home is
 *       full, and found there again. New clients spread over all partitions (and nodes).</li>
 * </ul>
 * The checks RFC 2131 makes on a REQUEST before any lease state matters (another server named,
 * no address, an address off the client's network) are made here, without asking anyone.
 */
public final class Leases4 {
    /** Below a client's first retransmission (RFC 2131 section 4.1: 4 s +-1), so it retries into a fresh ask. */
    public static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    private static final int DISCOVER = DhcpMessageType.DISCOVER.code();
    private static final int REQUEST = DhcpMessageType.REQUEST.code();
    private static final int DECLINE = DhcpMessageType.DECLINE.code();
    private static final int RELEASE = DhcpMessageType.RELEASE.code();

    private final PartitionDirectory partitions;
    private final Supplier<Policy4> policy;
    private final Scheduler scheduler;

    public Leases4(PartitionDirectory partitions, Supplier<Policy4> policy, Scheduler scheduler) {
        this.partitions = partitions;
        this.policy = policy;
        this.scheduler = scheduler;
    }

    /**
     * The answer to a DISCOVER, REQUEST, RELEASE or DECLINE from a client on {@code subnet}.
     * {@code serverId} is the server identifier this client must see (the cluster's service
     * address, or a relay's RFC 5107 override); {@code receivedAt} when the datagram arrived.
     */
    public CompletionStage<Answer4> handle(DhcpV4Message m, Subnet4 subnet, int serverId, long receivedAt) {
        int type = m.messageType().map(DhcpMessageType::code).orElse(0);
        Holder holder = new Holder(subnet.id(), ClientKey4.of(m));
        if (type == DISCOVER) {
            return discover(m, holder, subnet, receivedAt);
        }
        Target t = target(m, type, subnet, serverId);
        if (t.answer() != null) {
            if (t.withdraw()) {
                home(holder, subnet).ifPresent(home -> partitions.partition(home).tell(new PartitionEntity.Withdraw(holder)));
            }
            return CompletableFuture.completedFuture(t.answer());
        }
        return ask(Block4.of(t.address()), request(m, type, holder, Request4.Find.ANY, t.address(), t.selecting(), receivedAt));
    }

    // ---- DISCOVER: reservation, preferred address, then home onwards ------------------------

    private CompletionStage<Answer4> discover(DhcpV4Message m, Holder holder, Subnet4 subnet, long receivedAt) {
        // One request, re-aimed at each partition in turn: the search may cross every partition
        // of a large pool, and the message is read once, not once per partition.
        Request4 any = request(m, DISCOVER, holder, Request4.Find.ANY, 0, false, receivedAt);
        List<Request4> first = new ArrayList<>(2);
        List<Block4> where = new ArrayList<>(2);
        Optional<Reservation4> reservation = subnet.reservationFor(m.clientHardwareAddressText(),
                m.clientIdentifier().map(id -> id.toHex()));
        reservation.ifPresent(r -> {
            where.add(Block4.of(r.address()));
            first.add(any.aimedAt(Request4.Find.RESERVED, r.address()));
        });
        int requested = m.requestedIpAddress().map(Ipv4::toInt).filter(subnet::inPool).orElse(0);
        int[] bases = policy.get().blockBases(subnet);
        int home = bases.length == 0 ? 0 : Math.floorMod(holder.spread(), bases.length);
        if (requested != 0 && (bases.length == 0 || !Block4.of(requested).equals(new Block4(bases[home])))) {
            where.add(Block4.of(requested));
            first.add(any.aimedAt(Request4.Find.PREFERRED, requested));
        }
        return search(first, where, any.aimedAt(Request4.Find.ANY, requested), bases, home, 0);
    }

    /** Asks the reserved and preferred partitions, then every partition of the subnet from home on, until one answers. */
    private CompletionStage<Answer4> search(List<Request4> first, List<Block4> where, Request4 any, int[] bases, int home, int i) {
        if (i == first.size() + bases.length) {
            return CompletableFuture.completedFuture(new Answer4.Silent(Silence.POOL_EXHAUSTED, "no free address in any partition"));
        }
        CompletionStage<Answer4> asked = i < first.size() ? ask(where.get(i), first.get(i))
                : ask(new Block4(bases[(home + i - first.size()) % bases.length]), any);
        return asked.thenCompose(a -> a instanceof Answer4.Elsewhere ? search(first, where, any, bases, home, i + 1)
                : CompletableFuture.completedFuture(a));
    }

    /** The client's home partition in its subnet (none if the subnet has no pools). */
    Optional<Block4> home(Holder holder, Subnet4 subnet) {
        int[] bases = policy.get().blockBases(subnet);
        return bases.length == 0 ? Optional.empty() : Optional.of(new Block4(bases[Math.floorMod(holder.spread(), bases.length)]));
    }

    // ---- REQUEST, RELEASE, DECLINE: the address decides --------------------------------------

    /**
     * Where a REQUEST, RELEASE or DECLINE goes, or the answer it gets without asking anyone
     * (RFC 2131 section 4.3.2 and 4.3.3). {@code withdraw}: the client chose another server,
     * so our offer can go.
     */
    record Target(int address, boolean selecting, Answer4 answer, boolean withdraw) {
        static Target answer(Answer4 a) {
            return new Target(0, false, a, false);
        }
    }

    static Target target(DhcpV4Message m, int type, Subnet4 subnet, int serverId) {
        Optional<Integer> named = m.serverIdentifier().map(Ipv4::toInt);
        int ciaddr = Ipv4.toInt(m.ciaddr());
        int requested = m.requestedIpAddress().map(Ipv4::toInt).orElse(0);
        if (type == RELEASE || type == DECLINE) {
            if (named.orElse(0) != serverId) {
                return Target.answer(new Answer4.Silent(Silence.OTHER_SERVER, (type == RELEASE ? "RELEASE" : "DECLINE") + " for another server"));
            }
            int address = type == RELEASE ? ciaddr : requested;
            if (address == 0 || !subnet.prefix().contains(address)) {
                return Target.answer(new Answer4.Silent(Silence.NO_REPLY_EXPECTED, "names no address of " + subnet));
            }
            return new Target(address, false, null, false);
        }
        if (type != REQUEST) {
            return Target.answer(new Answer4.Silent(Silence.UNSUPPORTED, "message type " + type + " is not served"));
        }
        boolean selecting = named.isPresent();
        int address;
        if (selecting) {
            if (named.get() != serverId) {
                return new Target(0, false, new Answer4.Silent(Silence.OTHER_SERVER, "client selected server " + Ipv4.format(named.get())), true);
            }
            // RFC 2131 says a SELECTING REQUEST MUST carry the requested address; some clients
            // put it in ciaddr instead, which Kea and ISC accept too.
            address = requested != 0 ? requested : ciaddr;
        } else {
            // INIT-REBOOT carries the requested address and no ciaddr; RENEWING and REBINDING ciaddr.
            address = requested != 0 && ciaddr == 0 ? requested : ciaddr;
        }
        if (address == 0) {
            return Target.answer(new Answer4.Silent(Silence.INVALID_REQUEST, "REQUEST without requested address or ciaddr"));
        }
        if (!subnet.prefix().contains(address)) {
            return Target.answer(new Answer4.Nak("address " + Ipv4.format(address) + " is not on network " + subnet.prefix()));
        }
        return new Target(address, selecting, null, false);
    }

    // ---- asking ----------------------------------------------------------------------------

    /** What a partition is asked for this message (public for the node's warm-up, which runs the decisions without actors). */
    public static Request4 request(DhcpV4Message m, int type, Holder holder, Request4.Find find, int address, boolean selecting,
                                   long receivedAt) {
        return new Request4(holder, m.xid(), type, m.secs(), receivedAt, find, address, selecting,
                m.ipAddressLeaseTime().orElse(-1), m.clientHardwareAddress(), m.hostName().orElse(null), Ipv4.toInt(m.giaddr()));
    }

    private CompletionStage<Answer4> ask(Block4 block, Request4 request) {
        CompletionStage<PartitionAnswer> asked = AskPattern.ask(partitions.partition(block),
                replyTo -> new PartitionEntity.Handle(request, replyTo), ASK_TIMEOUT, scheduler);
        return Stages.plain(asked).handle((answer, failure) -> failure != null
                ? new Answer4.Silent(Silence.PARTITION_UNAVAILABLE, "partition " + block + " did not answer: " + failure.getMessage())
                : (Answer4) answer);
    }
}
