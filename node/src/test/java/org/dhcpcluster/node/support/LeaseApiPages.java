package org.dhcpcluster.node.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a whole lease listing as an API client must: the listing comes from the read model,
 * which follows the journal a moment behind, so first wait until {@code GET /api/projection}
 * says it has caught up with everything written so far, then follow the pages ({@code next}).
 */
public final class LeaseApiPages {
    private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private LeaseApiPages() {
    }

    /**
     * Every page of {@code path} (e.g. {@code /api/v4/leases}), their bodies joined; empty if a
     * request failed. {@code get} sends one GET for a path with query and returns the body.
     */
    public static Optional<String> all(Function<String, Optional<String>> get, String path) {
        awaitCaughtUp(get);
        StringBuilder all = new StringBuilder();
        String page = path + "?limit=1000";
        while (true) {
            Optional<String> body = get.apply(page);
            if (body.isEmpty()) {
                return Optional.empty();
            }
            all.append(body.get());
            Matcher next = NEXT.matcher(body.get());
            if (!next.find()) {
                return Optional.of(all.toString());
            }
            page = path + "?limit=1000&after=" + URLEncoder.encode(next.group(1), StandardCharsets.UTF_8);
        }
    }

    /**
     * The history's self-check for the family ({@code v4} or {@code v6}) once the read model has
     * caught up: every time an address was bound to two clients at once. "[]" when there was none.
     */
    public static String overlaps(Function<String, Optional<String>> get, String family) {
        awaitCaughtUp(get);
        String body = get.apply("/api/" + family + "/leases/overlaps").orElseThrow(() -> new AssertionError("no answer from the overlaps check"));
        Matcher m = Pattern.compile("\"overlaps\":(\\[.*\\])", Pattern.DOTALL).matcher(body);
        if (!m.find()) {
            throw new AssertionError("unexpected overlaps answer: " + body);
        }
        return m.group(1).strip();
    }

    private static void awaitCaughtUp(Function<String, Optional<String>> get) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (!get.apply("/api/projection").map(b -> b.contains("\"caught_up\":true")).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the lease read model did not catch up within " + CATCH_UP + ": "
                        + get.apply("/api/projection").orElse("(no answer)"));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the read model");
            }
        }
    }
}
