package org.dhcpcluster.node.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link RelayedLoad4} run printed, parsed: each ACK (new lease or renewal, with the
 * node that answered), each failed exchange and NAK, and the summary. Times are epoch
 * milliseconds, so a test can cut the run into phases by when it did things.
 */
public final class LoadLog4 {
    /** One ACKed exchange. {@code kind} is "new" (DORA) or "renew". */
    public record Ack(long at, String kind, String mac, String address, String from, long millis) {
    }

    /**
     * One exchange that got no answer after every retransmission, or a NAK. {@code at} is when it
     * ended; {@code millis} how long it took; {@code reason} the NAK's message ("" for no answer).
     */
    public record Failure(long at, String kind, String mac, String what, long millis, String reason) {
        public long startedAt() {
            return at - millis;
        }
    }

    private final List<Ack> acks = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private String done = "";
    private int extra;
    private final List<Long> duplicates = new ArrayList<>();

    private LoadLog4() {
    }

    public static LoadLog4 parse(String output) {
        LoadLog4 log = new LoadLog4();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ");
            switch (f[0]) {
                case "ack" -> log.acks.add(new Ack(Long.parseLong(f[1]), f[2], f[3], f[4], f[5], Long.parseLong(f[6])));
                case "fail", "nak" -> log.failures.add(new Failure(Long.parseLong(f[1]), f[2], f[3], f[0],
                        Long.parseLong(f[4]), f.length > 5 ? f[5].replace('_', ' ') : ""));
                case "extra" -> log.extra++;
                case "duplicate" -> log.duplicates.add(Long.parseLong(f[1]));
                case "done" -> log.done = line.strip();
                default -> {
                    // JVM noise, if any
                }
            }
        }
        return log;
    }

    public List<Ack> acks() {
        return acks;
    }

    public List<Failure> failures() {
        return failures;
    }

    /** The failed exchanges that started at or after {@code from} (epoch ms). */
    public List<Failure> failuresStartedFrom(long from) {
        return failures.stream().filter(f -> f.startedAt() >= from).toList();
    }

    /** The summary line, empty if the generator did not finish. */
    public String done() {
        return done;
    }

    /** Answers to transactions that had been answered already (retransmissions, or copies). */
    public int extraAnswers() {
        return extra;
    }

    /** How many answers came to transactions beyond one per datagram sent (one datagram answered by two nodes). */
    public int duplicateCount() {
        return duplicates.size();
    }

    /**
     * Transactions answered more often than they were sent (one datagram answered by two nodes):
     * how many, and when relative to {@code zero} (epoch ms), e.g. "2 [+3.1s, +3.2s]".
     */
    public String duplicateAnswers(long zero) {
        StringBuilder sb = new StringBuilder().append(duplicates.size()).append(" [");
        duplicates.forEach(d -> sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ", ")
                .append(String.format(Locale.ROOT, "%+.1fs", (d - zero) / 1000.0)));
        return sb.append(']').toString();
    }

    /** The failures as "kind@+seconds" relative to {@code zero} (epoch ms), for reports. */
    public String describeFailures(long zero) {
        StringBuilder sb = new StringBuilder("[");
        failures.forEach(f -> sb.append(sb.length() > 1 ? ", " : "").append(f.what()).append(' ').append(f.kind())
                .append(String.format(Locale.ROOT, "@%+.1fs", (f.at() - zero) / 1000.0)));
        return sb.append(']').toString();
    }

    /** The address each client was last ACKed, by MAC. */
    public Map<String, String> addressByMac() {
        Map<String, String> m = new HashMap<>();
        acks.forEach(a -> m.put(a.mac(), a.address()));
        return m;
    }

    /** New leases ACKed in [from, to). */
    public long newLeases(long from, long to) {
        return acks.stream().filter(a -> a.kind().equals("new") && a.at() >= from && a.at() < to).count();
    }

    /** New leases per second in [from, to). */
    public double leaseRate(long from, long to) {
        return to > from ? newLeases(from, to) * 1000.0 / (to - from) : 0;
    }

    /** ACKs (of either kind) sent by {@code node} at or after {@code from}. */
    public long answeredBy(String node, long from) {
        return acks.stream().filter(a -> a.from().equals(node) && a.at() >= from).count();
    }

    /** The longest time in [from, to] without any ACK, in milliseconds. */
    public long longestSilence(long from, long to) {
        long last = from;
        long longest = 0;
        for (Ack a : acks) {
            if (a.at() >= from && a.at() <= to) {
                longest = Math.max(longest, a.at() - last);
                last = Math.max(last, a.at());
            }
        }
        return Math.max(longest, to - last);
    }

    /** The longest exchange (DORA or renewal, retransmissions included) that ended in an ACK. */
    public long longestExchangeMillis() {
        return acks.stream().mapToLong(Ack::millis).max().orElse(0);
    }
}
