package org.dhcpcluster.lease.v6.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.lease.serialization.KryoSerializable;
import org.dhcpcluster.lease.v6.space.Address128;

/**
 * One identity association's bindings, as its events left them.
 *
 * @param bindings items held (some possibly expired: lazy expiry)
 * @param previous the last item the IA held and gave up or let expire, offered again first
 *        when free (null if none); {@code previousLength} is its prefix length
 */
public record Lease6State(List<Binding6> bindings, Address128 previous, int previousLength) implements KryoSerializable {

    public static final Lease6State EMPTY = new Lease6State(List.of(), null, 0);

    public Lease6State {
        bindings = List.copyOf(bindings);
    }

    public List<Binding6> validAt(long now) {
        return bindings.stream().filter(b -> b.validAt(now)).toList();
    }

    public Optional<Binding6> binding(Address128 item, int length) {
        return bindings.stream().filter(b -> b.item().equals(item) && b.length() == length).findFirst();
    }

    /** The item to try first for a new binding: an expired one of ours, else the remembered previous one. */
    public Optional<Binding6> preferred() {
        if (!bindings.isEmpty()) {
            return Optional.of(bindings.get(bindings.size() - 1));
        }
        return previous == null ? Optional.empty() : Optional.of(new Binding6(previous, previousLength, 0, 0, 0));
    }

    /** This state with {@code b} bound (replacing any binding of the same item). Expired bindings are dropped. */
    Lease6State bind(Binding6 b, long now) {
        List<Binding6> next = new ArrayList<>();
        for (Binding6 old : bindings) {
            if (!(old.item().equals(b.item()) && old.length() == b.length()) && old.validAt(now)) {
                next.add(old);
            }
        }
        next.add(b);
        return new Lease6State(next, previous, previousLength);
    }

    /** This state without the item, which becomes the remembered previous one. */
    Lease6State unbind(Address128 item, int length, boolean rememberIt) {
        List<Binding6> next = bindings.stream().filter(b -> !(b.item().equals(item) && b.length() == length)).toList();
        return rememberIt ? new Lease6State(next, item, length) : new Lease6State(next, previous, previousLength);
    }
}
