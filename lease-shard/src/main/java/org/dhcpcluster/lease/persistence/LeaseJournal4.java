package org.dhcpcluster.lease.persistence;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.dhcpcluster.lease.v4.Block4;
import org.dhcpcluster.lease.v4.ClientKey4;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * The DHCPv4 bindings as the journal holds them ({@link PartitionJournal}), one record per
 * address, plus every double binding the journal's history shows.
 */
public final class LeaseJournal4 {
    private final PartitionJournal journal;

    /** One address's current record. {@code state} is bound, released, expired or declined. */
    public record Binding(int address, int subnetId, String clientKey, long expiresAt, String state) implements LeaseRecord {
        @Override
        public String addressText() {
            return Ipv4.format(address);
        }
    }

    public LeaseJournal4(ActorSystem<?> system) {
        this.journal = new PartitionJournal(system);
    }

    /** Every address any partition has a record of, in address order, as of {@code now}. */
    public CompletionStage<List<Binding>> bindings(long now) {
        return journal.read(4, now).thenApply(c -> c.items().stream()
                .map(i -> new Binding(Block4.parse(i.entityId().substring(2)).addressAt(i.offset()), i.holder().subnetId(),
                        ClientKey4.text(i.holder().key()), i.expiresAt(), i.state()))
                .sorted(Comparator.comparingLong(b -> Integer.toUnsignedLong(b.address())))
                .toList());
    }

    /** Every moment the journal shows an address bound to a second client while the first one's lease ran: must be none. */
    public CompletionStage<List<String>> boundTwice(long now) {
        return journal.read(4, now).thenApply(PartitionJournal.Contents::boundTwice);
    }
}
