package org.dhcpcluster.lease.persistence;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.dhcpcluster.lease.v6.IaKey;
import org.dhcpcluster.lease.v6.space.Address128;
import org.dhcpcluster.lease.v6.space.SliceKey;

/**
 * The DHCPv6 bindings (addresses and delegated prefixes) as the journal holds them
 * ({@link PartitionJournal}), plus every double binding the journal's history shows.
 */
public final class LeaseJournal6 {
    private final PartitionJournal journal;

    /** One item's current record; {@code clientKey} is {@code <subnet>:<duid>:<na|ta|pd>:<iaid>}. */
    public record Binding(Address128 item, int length, String clientKey, long expiresAt, String state) implements LeaseRecord {
        @Override
        public String addressText() {
            return length == 128 ? item.format() : item.format() + "/" + length;
        }
    }

    public LeaseJournal6(ActorSystem<?> system) {
        this.journal = new PartitionJournal(system);
    }

    /** Every item any partition has a record of, addresses first, in address order, as of {@code now}. */
    public CompletionStage<List<Binding>> bindings(long now) {
        return journal.read(6, now).thenApply(c -> c.items().stream()
                .map(i -> {
                    SliceKey slice = SliceKey.parse(i.entityId());
                    return new Binding(slice.itemAt(i.offset()), slice.length(), i.holder().subnetId() + ":" + IaKey.text(i.holder().key()),
                            i.expiresAt(), i.state());
                })
                .sorted(Comparator.comparing((Binding b) -> -b.length()).thenComparing(Binding::item))
                .toList());
    }

    public CompletionStage<List<String>> boundTwice(long now) {
        return journal.read(6, now).thenApply(PartitionJournal.Contents::boundTwice);
    }
}
