package org.dhcpcluster.node.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it against a deadline, so tests wait exactly as long as the
 * system needs (and fail with a message) instead of sleeping a guessed amount.
 */
public final class Poll {
    /** Interval between checks: short next to DHCP exchanges (ms) and client timers (s). */
    public static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {
    }

    /**
     * Returns the first present value of {@code probe} within {@code timeout}; otherwise throws an
     * {@link AssertionError} with {@code failure}'s message (computed only on failure, so it may
     * include the latest logs).
     */
    public static <T> T until(Duration timeout, Supplier<Optional<T>> probe, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(failure.get());
            }
            pause();
        }
    }

    /** Like {@link #until} for a plain condition. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> failure) {
        until(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), failure);
    }

    /** Waits for {@code condition} up to {@code timeout}; returns whether it became true. */
    public static boolean quietly(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            pause();
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
