package org.dhcpcluster.lease.v6;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.dhcpcluster.lease.concurrent.Stages;
import org.dhcpcluster.lease.partition.DeclineLimits;
import org.dhcpcluster.lease.partition.Holder;
import org.dhcpcluster.lease.partition.PartitionAnswer;
import org.dhcpcluster.lease.partition.PartitionDirectory;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.v6.Answer6.Granted6;
import org.dhcpcluster.lease.v6.policy.Reservation6;
import org.dhcpcluster.lease.v6.policy.Subnet6;
import org.dhcpcluster.lease.v6.space.Pool6;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * Finds the partitions an identity association belongs to and asks them; what the v6 edge
 * calls, once per IA of a message. Holds no state.
 *
 * <ul>
 *   <li>SOLICIT and REQUEST: the reserved item's partition, then the partitions of the items the
 *       client listed, then the link's active slices from the IA's <em>home</em>, a stable hash
 *       of its key.</li>
 *   <li>RENEW, REBIND, RELEASE, DECLINE: the partitions that own the listed items (in parallel),
 *       and home when none is listed; items that are not appropriate to the link are withdrawn
 *       without asking anyone.</li>
 * </ul>
 */
public final class Leases6 {
    /** Below the ask timeouts of the edge and the client's retransmissions with growth. */
    public static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    private final PartitionDirectory partitions;
    private final Scheduler scheduler;

    public Leases6(PartitionDirectory partitions, Scheduler scheduler) {
        this.partitions = partitions;
        this.scheduler = scheduler;
    }

    /** One IA of a message, as the edge read it. */
    public record Ia(IaType type, long iaid, List<Hint6> hints) {
        public Ia {
            hints = List.copyOf(hints);
        }
    }

    /** What the whole message says that matters to each IA. */
    public record Message(Kind6 kind, int type, int xid, int elapsed, byte[] duid, boolean commit, String via, long receivedAt) {
    }

    public CompletionStage<IaReply> handle(Message m, Ia ia, Subnet6 subnet) {
        Holder holder = new Holder(subnet.id(), IaKey.of(m.duid(), ia.type(), ia.iaid()));
        return switch (m.kind()) {
            case SOLICIT, REQUEST -> acquire(m, ia, subnet, holder);
            case RENEW, REBIND -> existing(m, ia, subnet, holder, true);
            case RELEASE -> existing(m, ia, subnet, holder, false);
            case DECLINE -> ia.type().delegatesPrefixes()
                    ? done(new IaReply.IaAnswer(List.of(), Status6.NO_BINDING, "prefixes are not declined", false))
                    : existing(m, ia, subnet, holder, false);
        };
    }

    // ---- SOLICIT and REQUEST: reservation, listed items, home onwards -------------------------

    private record Step(SliceKey slice, Request6.Find find) {
    }

    private CompletionStage<IaReply> acquire(Message m, Ia ia, Subnet6 subnet, Holder holder) {
        boolean pd = ia.type().delegatesPrefixes();
        List<Step> steps = new ArrayList<>();
        reservedItem(subnet, m.duid(), pd).ifPresent(slice -> steps.add(new Step(slice, Request6.Find.RESERVED)));
        List<SliceKey> active = activeSlices(subnet, pd);
        int home = active.isEmpty() ? 0 : Math.floorMod(holder.spread(), active.size());
        for (Hint6 h : ia.hints()) {
            if (subnet.inPool(h.item(), pd)) {
                SliceKey slice = SliceKey.of(h.item(), h.length());
                if (steps.stream().noneMatch(s -> s.slice.equals(slice)) && (active.isEmpty() || !slice.equals(active.get(home)))) {
                    steps.add(new Step(slice, Request6.Find.PREFERRED));
                }
            }
        }
        for (int i = 0; i < active.size(); i++) {
            steps.add(new Step(active.get((home + i) % active.size()), Request6.Find.ANY));
        }
        return search(m, ia, holder, steps, 0);
    }

    private CompletionStage<IaReply> search(Message m, Ia ia, Holder holder, List<Step> steps, int i) {
        if (i == steps.size()) {
            return done(new IaReply.IaAnswer(List.of(), Status6.noneAvailable(ia.type()),
                    "no free " + (ia.type().delegatesPrefixes() ? "prefix" : "address") + " on this link", false));
        }
        Step step = steps.get(i);
        return ask(step.slice, request(m, holder, step.find, hintsIn(ia, step.slice))).thenCompose(a -> {
            if (a instanceof Answer6.Elsewhere) {
                return search(m, ia, holder, steps, i + 1);
            }
            return done(reply(a));
        });
    }

    private static Optional<SliceKey> reservedItem(Subnet6 subnet, byte[] duid, boolean pd) {
        Optional<Reservation6> r = subnet.reservationFor(HexFormat.of().formatHex(duid));
        if (r.isEmpty()) {
            return Optional.empty();
        }
        return pd ? r.get().prefix().map(p -> SliceKey.of(p, r.get().prefixLength())) : r.get().address().map(a -> SliceKey.of(a, 128));
    }

    private static List<SliceKey> activeSlices(Subnet6 subnet, boolean pd) {
        List<SliceKey> all = new ArrayList<>();
        for (Pool6 p : subnet.poolsFor(pd)) {
            all.addAll(p.activeSlices());
        }
        return all;
    }

    // ---- RENEW, REBIND, RELEASE, DECLINE: the listed items decide ------------------------------

    private CompletionStage<IaReply> existing(Message m, Ia ia, Subnet6 subnet, Holder holder, boolean extending) {
        boolean pd = ia.type().delegatesPrefixes();
        Map<SliceKey, List<Hint6>> bySlice = new LinkedHashMap<>();
        List<Granted6> withdrawn = new ArrayList<>();
        for (Hint6 h : ia.hints()) {
            boolean appropriate = pd ? subnet.inPool(h.item(), true) || reservedItem(subnet, m.duid(), true).isPresent()
                    : subnet.onLink(h.item());
            if (appropriate) {
                bySlice.computeIfAbsent(SliceKey.of(h.item(), h.length()), k -> new ArrayList<>()).add(h);
            } else if (extending) {
                // RFC 8415 sections 18.3.4 and 18.3.5: not appropriate for the link, so lifetimes 0.
                withdrawn.add(new Granted6(h.item(), h.length(), 0, 0));
            }
        }
        if (bySlice.isEmpty() && extending) {
            List<SliceKey> active = activeSlices(subnet, pd);
            if (!active.isEmpty() && withdrawn.isEmpty()) {
                bySlice.put(active.get(Math.floorMod(holder.spread(), active.size())), List.of());
            }
        }
        if (bySlice.isEmpty()) {
            boolean rebindElsewhere = m.kind() == Kind6.REBIND && !withdrawn.isEmpty();
            return done(new IaReply.IaAnswer(rebindElsewhere ? withdrawn : List.of(), rebindElsewhere ? Status6.SUCCESS : Status6.NO_BINDING,
                    rebindElsewhere ? null : "no binding for this IA", false));
        }
        List<CompletableFuture<PartitionAnswer>> asks = new ArrayList<>();
        bySlice.forEach((slice, hints) -> asks.add(ask(slice, request(m, holder, Request6.Find.ANY, hints)).toCompletableFuture()));
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            List<Granted6> items = new ArrayList<>(withdrawn);
            boolean bound = false;
            String message = null;
            DeclineLimits.Refusal refused = null;
            for (CompletableFuture<PartitionAnswer> f : asks) {
                PartitionAnswer a = f.join();
                if (a instanceof Answer6.Copy) {
                    return new IaReply.IaAnswer(List.of(), Status6.SUCCESS, null, true);
                }
                if (a instanceof Answer6.Unavailable u) {
                    return new IaReply.IaUnavailable(u.why());
                }
                if (a instanceof Answer6.IaResult res) {
                    items.addAll(res.items());
                    bound |= res.status() == Status6.SUCCESS;
                    message = message == null ? res.message() : message;
                }
                if (a instanceof Answer6.DeclineRefused d) {
                    // The items were bound to the IA and are released: Success, as for a DECLINE honoured.
                    bound = true;
                    refused = d.reason();
                    message = d.message();
                }
            }
            return bound ? new IaReply.IaAnswer(items, Status6.SUCCESS, message, false, refused)
                    : new IaReply.IaAnswer(List.of(), Status6.NO_BINDING, message, false);
        });
    }

    // ---- asking ----------------------------------------------------------------------------

    private static List<Hint6> hintsIn(Ia ia, SliceKey slice) {
        return ia.hints().stream().filter(h -> h.length() == slice.length() && slice.contains(h.item())).toList();
    }

    private static Request6 request(Message m, Holder holder, Request6.Find find, List<Hint6> hints) {
        return new Request6(holder, m.xid(), m.type(), m.elapsed(), m.receivedAt(), m.kind(), find, hints, m.commit(), m.via());
    }

    private static IaReply reply(PartitionAnswer a) {
        if (a instanceof Answer6.IaResult r) {
            return new IaReply.IaAnswer(r.items(), r.status(), r.message(), false);
        }
        if (a instanceof Answer6.Copy) {
            return new IaReply.IaAnswer(List.of(), Status6.SUCCESS, null, true);
        }
        return new IaReply.IaUnavailable(a instanceof Answer6.Unavailable u ? u.why() : String.valueOf(a));
    }

    private CompletionStage<PartitionAnswer> ask(SliceKey slice, Request6 request) {
        CompletionStage<PartitionAnswer> asked = AskPattern.ask(partitions.partition(slice),
                replyTo -> new PartitionEntity.Handle(request, replyTo), ASK_TIMEOUT, scheduler);
        return Stages.plain(asked).handle((answer, failure) -> failure != null
                ? new Answer6.Unavailable("partition " + slice + " did not answer: " + failure.getMessage()) : answer);
    }

    private static CompletionStage<IaReply> done(IaReply r) {
        return CompletableFuture.completedFuture(r);
    }
}
