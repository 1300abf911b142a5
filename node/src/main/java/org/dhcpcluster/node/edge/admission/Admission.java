package org.dhcpcluster.node.edge.admission;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which requests may go on to a lease partition: a request costs a shard ask and often a journal
 * write, so a flood from one relay (random hardware addresses, say) must be cut off at the edge,
 * before it costs anything, and must not starve the clients of other relays. Each source (a
 * relay, or the link of directly attached clients) and each subnet has a token bucket; a request
 * over either limit is dropped and counted by the caller under the returned reason. Limits are
 * per node: with N nodes hearing every message, each node applies them to what it hears.
 *
 * <p>Sources are keys the sender chooses (a giaddr, a relay's address), so at most
 * {@link #MAX_SOURCES} get a bucket of their own; beyond that, new sources share one bucket
 * rather than grow memory without bound.
 */
public final class Admission {
    static final int MAX_SOURCES = 4096;
    private static final String OTHER_SOURCES = "(other sources)";

    /**
     * @param perSource messages a second from one relay or one directly attached link
     * @param perSubnet messages a second for one subnet, whatever their source
     * @param maxIasPerMessage DHCPv6: identity associations one message may carry (each is an ask)
     */
    public record Settings(Rate perSource, Rate perSubnet, int maxIasPerMessage) {
        public static final Settings UNLIMITED = new Settings(Rate.UNLIMITED, Rate.UNLIMITED, Integer.MAX_VALUE);
    }

    public static final String SOURCE_LIMITED = "rate_limited_source";
    public static final String SUBNET_LIMITED = "rate_limited_subnet";
    public static final String TOO_MANY_IAS = "too_many_ias";

    private final Settings settings;
    private final ConcurrentMap<String, TokenBucket> sources = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, TokenBucket> subnets = new ConcurrentHashMap<>();

    public Admission(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** Empty when a request from {@code source} for subnet {@code subnetId} may go on; otherwise the drop reason. */
    public Optional<String> admit(String source, int subnetId, long nowMillis) {
        if (!settings.perSource().unlimited() && !sourceBucket(source, nowMillis).take(nowMillis)) {
            return Optional.of(SOURCE_LIMITED);
        }
        if (!settings.perSubnet().unlimited()
                && !subnets.computeIfAbsent(subnetId, id -> new TokenBucket(settings.perSubnet(), nowMillis)).take(nowMillis)) {
            return Optional.of(SUBNET_LIMITED);
        }
        return Optional.empty();
    }

    /** Empty when a DHCPv6 message with {@code ias} identity associations may go on; otherwise the drop reason. */
    public Optional<String> admitIas(int ias) {
        return ias > settings.maxIasPerMessage() ? Optional.of(TOO_MANY_IAS) : Optional.empty();
    }

    private TokenBucket sourceBucket(String source, long nowMillis) {
        TokenBucket known = sources.get(source);
        if (known != null) {
            return known;
        }
        String key = sources.size() < MAX_SOURCES ? source : OTHER_SOURCES;
        return sources.computeIfAbsent(key, k -> new TokenBucket(settings.perSource(), nowMillis));
    }
}
