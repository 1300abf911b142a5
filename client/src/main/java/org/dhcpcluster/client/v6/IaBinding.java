package org.dhcpcluster.client.v6;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dhcpcluster.protocol.v6.DhcpV6Option;
import org.dhcpcluster.protocol.v6.DhcpV6Options;
import org.dhcpcluster.protocol.v6.Ipv6;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IaType;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.Lifetimes;

/**
 * One identity association as the client holds it: the IA a server granted (T1, T2 and its
 * addresses or prefixes with their lifetimes) and when those times started counting.
 *
 * @param ia the granted IA, holding only usable addresses or prefixes (at least one)
 * @param obtainedAt the first transmission of the exchange whose REPLY granted it: lifetimes
 *        count from then, so the client never believes in a lease longer than granted
 */
public record IaBinding(IdentityAssociation ia, Instant obtainedAt) {
    /** RFC 8415 section 21.4: T1 defaults to 0.5 of the shortest preferred lifetime when the server sends 0. */
    static final long DEFAULT_T1_PERMILLE = 500;
    /** RFC 8415 section 21.4: T2 defaults to 0.8 of the shortest preferred lifetime. */
    static final long DEFAULT_T2_PERMILLE = 800;

    public IaBinding {
        Objects.requireNonNull(ia, "ia");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        if (ia.type() == IaType.TA) {
            throw new IllegalArgumentException("IA_TA is not renewed and not held as a binding");
        }
        if (lifetimes(ia).isEmpty()) {
            throw new IllegalArgumentException(ia.type() + " " + ia.iaid() + " holds no address or prefix");
        }
    }

    /**
     * Applies an IA from a REPLY to what the client held for it (RFC 8415 section 18.2.10.1):
     * addresses or prefixes the reply lists get its lifetimes, from {@code obtainedAt}; those
     * with a valid lifetime of 0 are dropped; those it does not list are kept with what is
     * left of their lifetimes; T1 and T2 are the reply's. An address whose preferred lifetime
     * exceeds its valid one is discarded as if absent (section 21.6).
     *
     * @return empty when nothing usable is left
     */
    public static Optional<IaBinding> apply(Optional<IaBinding> previous, IdentityAssociation reply, Instant obtainedAt) {
        List<DhcpV6Option> items = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Lifetime l : lifetimes(reply)) {
            if (l.preferred() > l.valid()) {
                continue;
            }
            named.add(l.name());
            if (l.valid() > 0) {
                items.add(l.option());
            }
        }
        previous.ifPresent(p -> {
            long elapsed = Duration.between(p.obtainedAt, obtainedAt).getSeconds();
            for (Lifetime l : lifetimes(p.ia)) {
                if (!named.contains(l.name())) {
                    l.minus(elapsed).ifPresent(left -> items.add(left.option()));
                }
            }
        });
        if (items.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IaBinding(
                new IdentityAssociation(reply.type(), reply.iaid(), reply.t1(), reply.t2(), DhcpV6Options.of(items)),
                obtainedAt));
    }

    public IaKey key() {
        return IaKey.of(ia);
    }

    public List<IaAddress> addresses() {
        return ia.type() == IaType.NA ? ia.addresses() : List.of();
    }

    public List<IaPrefix> prefixes() {
        return ia.type() == IaType.PD ? ia.prefixes() : List.of();
    }

    /** T1 as an instant; empty when infinite (section 7.7: 0xffffffff). Never after {@link #rebindAt()}. */
    public Optional<Instant> renewAt() {
        Optional<Instant> t1 = at(ia.t1(), DEFAULT_T1_PERMILLE);
        Optional<Instant> t2 = rebindAt();
        if (t1.isPresent() && t2.isPresent() && t1.get().isAfter(t2.get())) {
            return t2;
        }
        return t1;
    }

    /** T2 as an instant; empty when infinite. */
    public Optional<Instant> rebindAt() {
        return at(ia.t2(), DEFAULT_T2_PERMILLE);
    }

    /** When the last valid lifetime ends; empty if one is infinite. */
    public Optional<Instant> expiresAt() {
        long longest = 0;
        for (Lifetime l : lifetimes(ia)) {
            if (l.valid() == Lifetimes.INFINITY) {
                return Optional.empty();
            }
            longest = Math.max(longest, l.valid());
        }
        return Optional.of(obtainedAt.plusSeconds(longest));
    }

    /** The IA as the client sends it back in RENEW, REBIND, CONFIRM and RELEASE: times zeroed. */
    public IdentityAssociation asClientIa() {
        return zeroed(ia);
    }

    /**
     * An IA as a client puts it in a message: T1 and T2 zero (sections 21.4, 21.21) and every
     * lifetime zero (sections 21.6, 21.22: "SHOULD be set to 0" in messages from a client),
     * keeping only the addresses or prefixes, as hints or as the leases meant.
     */
    static IdentityAssociation zeroed(IdentityAssociation ia) {
        List<DhcpV6Option> items = new ArrayList<>();
        for (Lifetime l : lifetimes(ia)) {
            items.add(l.withLifetimes(0, 0).option());
        }
        return new IdentityAssociation(ia.type(), ia.iaid(), 0, 0, DhcpV6Options.of(items));
    }

    private Optional<Instant> at(long seconds, long defaultPermille) {
        if (seconds == Lifetimes.INFINITY) {
            return Optional.empty();
        }
        if (seconds != 0) {
            return Optional.of(obtainedAt.plusSeconds(seconds));
        }
        long base = shortestPreferred();
        return base == Lifetimes.INFINITY ? Optional.empty() : Optional.of(obtainedAt.plus(Duration.ofMillis(base * defaultPermille)));
    }

    /** The shortest preferred lifetime, or the shortest valid one when every address is already deprecated. */
    private long shortestPreferred() {
        long preferred = Lifetimes.INFINITY;
        long valid = Lifetimes.INFINITY;
        for (Lifetime l : lifetimes(ia)) {
            if (l.preferred() > 0) {
                preferred = Math.min(preferred, l.preferred());
            }
            valid = Math.min(valid, l.valid());
        }
        return preferred == Lifetimes.INFINITY && valid != Lifetimes.INFINITY ? valid : preferred;
    }

    private static List<Lifetime> lifetimes(IdentityAssociation ia) {
        List<Lifetime> out = new ArrayList<>();
        if (ia.type() == IaType.PD) {
            for (IaPrefix p : ia.prefixes()) {
                out.add(new Lifetime(p.preferredLifetime(), p.validLifetime(), null, p));
            }
        } else {
            for (IaAddress a : ia.addresses()) {
                out.add(new Lifetime(a.preferredLifetime(), a.validLifetime(), a, null));
            }
        }
        return out;
    }

    /** An address or a prefix seen through its lifetimes, so both kinds go through the same rules. */
    private record Lifetime(long preferred, long valid, IaAddress address, IaPrefix prefix) {

        String name() {
            return address != null ? Ipv6.format(address.address()) : Ipv6.format(prefix.prefix()) + "/" + prefix.prefixLength();
        }

        DhcpV6Option option() {
            return address != null ? address.toOption() : prefix.toOption();
        }

        Lifetime withLifetimes(long newPreferred, long newValid) {
            return address != null
                    ? new Lifetime(newPreferred, newValid, new IaAddress(address.address(), newPreferred, newValid), null)
                    : new Lifetime(newPreferred, newValid, null,
                            new IaPrefix(newPreferred, newValid, prefix.prefixLength(), prefix.prefix()));
        }

        /** What is left after {@code seconds}, or empty once the valid lifetime is used up. */
        Optional<Lifetime> minus(long seconds) {
            long v = valid == Lifetimes.INFINITY ? valid : valid - seconds;
            long p = preferred == Lifetimes.INFINITY ? preferred : Math.max(0, preferred - seconds);
            return v <= 0 ? Optional.empty() : Optional.of(withLifetimes(Math.min(p, v), v));
        }
    }
}
