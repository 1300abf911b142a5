package org.dhcpcluster.client.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM as an ordinary event the CLI can wait for. A shutdown hook would also see
 * them, but the JVM then exits with 130/143 whatever the hook does; a client stopped on purpose
 * releases its lease and exits 0, so the signals are taken over instead (jdk.unsupported's
 * {@link Signal}, present in every JDK 17).
 */
final class ShutdownSignals {
    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name = "";

    static ShutdownSignals install() {
        ShutdownSignals s = new ShutdownSignals();
        for (String sig : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(sig), signal -> {
                s.name = signal.getName();
                s.received.countDown();
            });
        }
        return s;
    }

    /** Blocks until SIGINT or SIGTERM arrives; returns its name. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
