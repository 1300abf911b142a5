package org.dhcpcluster.client.v4;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import org.dhcpcluster.protocol.v4.DhcpV4Options;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * A lease as the client holds it: the address, the server that granted it, when it started
 * and its three times, and the ACK's options (mask, routers, DNS ...) for whoever configures
 * the interface. A CLI can keep one across restarts and hand it to
 * {@code DhcpV4Client.start(lease)} to go through INIT-REBOOT.
 *
 * @param obtainedAt when the DHCPREQUEST that this ACK answers was first sent: RFC 2131
 *        section 4.4.1 counts the lease from then, not from the ACK's arrival, so the client
 *        never believes in a lease longer than the server granted
 */
public record DhcpV4Lease(Inet4Address address, Inet4Address serverIdentifier, Instant obtainedAt,
                          Duration leaseTime, Duration renewalTime, Duration rebindingTime, DhcpV4Options options) {
    /** Option 51 value 0xffffffff: the lease never expires (RFC 2132 section 9.2). */
    public static final long INFINITE_SECONDS = 0xFFFF_FFFFL;
    /** RFC 2131 section 4.4.5: T1 defaults to half the lease. */
    static final long DEFAULT_T1_PERMILLE = 500;
    /** RFC 2131 section 4.4.5: T2 defaults to 0.875 of the lease. */
    static final long DEFAULT_T2_PERMILLE = 875;

    public DhcpV4Lease {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverIdentifier, "serverIdentifier");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(options, "options");
        if (leaseTime.isNegative() || renewalTime.isNegative() || rebindingTime.isNegative()
                || renewalTime.compareTo(rebindingTime) > 0 || rebindingTime.compareTo(leaseTime) > 0) {
            throw new IllegalArgumentException("lease times must satisfy 0 <= T1 <= T2 <= lease: T1=" + renewalTime
                    + " T2=" + rebindingTime + " lease=" + leaseTime);
        }
    }

    /**
     * The lease a DHCPACK grants, or empty when the ACK cannot be used: no address in yiaddr,
     * or no lease time (option 51 is a MUST in a DHCPACK to a DHCPREQUEST, RFC 2131 table 3).
     *
     * <p>T1 and T2 default to 0.5 and 0.875 of the lease when absent (RFC 2131 section 4.4.5).
     * Values that break T1 &lt;= T2 &lt; lease are replaced by the defaults, as no RFC says what
     * else to do with them and renewing too early is harmless.
     *
     * @param requestSentAt when the client first sent the DHCPREQUEST this ACK answers
     * @param knownServer the server identifier to keep when the ACK does not repeat it
     */
    public static Optional<DhcpV4Lease> fromAck(DhcpV4Message ack, Instant requestSentAt, Optional<Inet4Address> knownServer) {
        OptionalLong seconds = ack.ipAddressLeaseTime();
        Optional<Inet4Address> server = ack.serverIdentifier().or(() -> knownServer);
        if (Ipv4.isUnspecified(ack.yiaddr()) || seconds.isEmpty() || server.isEmpty()) {
            return Optional.empty();
        }
        long lease = seconds.getAsLong();
        if (lease == INFINITE_SECONDS) {
            Duration forever = Duration.ofSeconds(INFINITE_SECONDS);
            return Optional.of(new DhcpV4Lease(ack.yiaddr(), server.get(), requestSentAt, forever, forever, forever,
                    ack.options()));
        }
        Duration leaseTime = Duration.ofSeconds(lease);
        Duration t2 = ack.rebindingTime().isPresent() && ack.rebindingTime().getAsLong() < lease
                ? Duration.ofSeconds(ack.rebindingTime().getAsLong())
                : Duration.ofMillis(lease * DEFAULT_T2_PERMILLE);
        Duration t1 = ack.renewalTime().isPresent() && Duration.ofSeconds(ack.renewalTime().getAsLong()).compareTo(t2) <= 0
                ? Duration.ofSeconds(ack.renewalTime().getAsLong())
                : min(Duration.ofMillis(lease * DEFAULT_T1_PERMILLE), t2);
        return Optional.of(new DhcpV4Lease(ack.yiaddr(), server.get(), requestSentAt, leaseTime, t1, t2, ack.options()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A lease time of 0xffffffff: no T1, T2 or expiry timers. */
    public boolean isInfinite() {
        return leaseTime.getSeconds() == INFINITE_SECONDS;
    }

    /** T1: when BOUND turns into RENEWING. */
    public Instant renewAt() {
        return obtainedAt.plus(renewalTime);
    }

    /** T2: when RENEWING turns into REBINDING. */
    public Instant rebindAt() {
        return obtainedAt.plus(rebindingTime);
    }

    public Instant expiresAt() {
        return obtainedAt.plus(leaseTime);
    }

    public boolean isExpiredAt(Instant now) {
        return !isInfinite() && !now.isBefore(expiresAt());
    }
}
