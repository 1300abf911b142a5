package org.dhcpcluster.client.v6;

import java.net.Inet6Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dhcpcluster.protocol.v6.Duid;
import org.dhcpcluster.protocol.v6.option.IaAddress;
import org.dhcpcluster.protocol.v6.option.IaPrefix;
import org.dhcpcluster.protocol.v6.option.IaType;

/**
 * What a DHCPv6 client holds: the server that granted its leases (RENEW goes there), the
 * address that server allowed unicast to (section 21.12), and one binding per IA. The
 * client's timers are derived from the bindings: T1 and T2 are the earliest of any IA
 * (renewing every IA together, as section 18.2.4 recommends), expiry the latest valid
 * lifetime (REBIND goes on while any lease is still valid, section 18.2.5). A CLI can keep
 * one across restarts and hand it to {@code DhcpV6Client.start(lease)}, which confirms it.
 */
public record DhcpV6Lease(Duid serverId, Optional<Inet6Address> serverUnicast, List<IaBinding> bindings) {

    public DhcpV6Lease {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(serverUnicast, "serverUnicast");
        bindings = List.copyOf(bindings);
    }

    public Optional<IaBinding> binding(IaKey key) {
        return bindings.stream().filter(b -> b.key().equals(key)).findFirst();
    }

    /** This lease with {@code binding} taking the place of the one with its key (or added last). */
    public DhcpV6Lease with(IaBinding binding) {
        List<IaBinding> out = new ArrayList<>(bindings.size() + 1);
        boolean replaced = false;
        for (IaBinding b : bindings) {
            if (b.key().equals(binding.key())) {
                out.add(binding);
                replaced = true;
            } else {
                out.add(b);
            }
        }
        if (!replaced) {
            out.add(binding);
        }
        return new DhcpV6Lease(serverId, serverUnicast, out);
    }

    public DhcpV6Lease without(IaKey key) {
        return new DhcpV6Lease(serverId, serverUnicast, bindings.stream().filter(b -> !b.key().equals(key)).toList());
    }

    /** The same bindings, now held from another server (a REBIND answered by a new one). */
    public DhcpV6Lease fromServer(Duid server, Optional<Inet6Address> unicast) {
        return new DhcpV6Lease(server, unicast, bindings);
    }

    /** Only the bindings still valid at {@code now}. */
    public DhcpV6Lease validAt(Instant now) {
        return new DhcpV6Lease(serverId, serverUnicast,
                bindings.stream().filter(b -> b.expiresAt().map(now::isBefore).orElse(true)).toList());
    }

    public boolean isEmpty() {
        return bindings.isEmpty();
    }

    public boolean has(IaType type) {
        return bindings.stream().anyMatch(b -> b.ia().type() == type);
    }

    public List<IaAddress> addresses() {
        return bindings.stream().flatMap(b -> b.addresses().stream()).toList();
    }

    public List<IaPrefix> prefixes() {
        return bindings.stream().flatMap(b -> b.prefixes().stream()).toList();
    }

    /** The earliest T1; empty when every T1 is infinite. */
    public Optional<Instant> renewAt() {
        return bindings.stream().map(IaBinding::renewAt).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** The earliest T2; empty when every T2 is infinite. */
    public Optional<Instant> rebindAt() {
        return bindings.stream().map(IaBinding::rebindAt).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** When the last valid lifetime ends; empty when one never does. */
    public Optional<Instant> expiresAt() {
        Instant last = null;
        for (IaBinding b : bindings) {
            Optional<Instant> e = b.expiresAt();
            if (e.isEmpty()) {
                return Optional.empty();
            }
            last = last == null || e.get().isAfter(last) ? e.get() : last;
        }
        return Optional.ofNullable(last);
    }
}
