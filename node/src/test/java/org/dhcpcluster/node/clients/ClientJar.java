package org.dhcpcluster.node.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhcpcluster.node.testing.NamespacedProcess;
import org.dhcpcluster.node.testing.NetnsTopology;
import org.dhcpcluster.node.testing.Poll;

/**
 * Our client CLI ({@code org.dhcpcluster.client.cli.Main}, what {@code dhcp-client.jar} runs),
 * run as a process inside a namespace: a JVM cannot move itself into a network namespace, so the
 * client under test runs the way an operator would run it, and the test reads its JSON lines
 * from stdout. It runs from the test classpath, so {@code mvn test} needs no packaging step.
 */
final class ClientJar implements AutoCloseable {
    private final NamespacedProcess process;

    private ClientJar(NamespacedProcess process) {
        this.process = process;
    }

    static ClientJar start(NetnsTopology t, String netns, String name, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.dhcpcluster.client.cli.Main"));
        cmd.addAll(List.of(args));
        return new ClientJar(t.start(netns, name, cmd.toArray(String[]::new)));
    }

    /** Waits for a stdout JSON line with {@code "event":"<event>"} and returns it. */
    String awaitEvent(String event, Duration timeout) {
        return awaitEvent(event, timeout, () -> "");
    }

    /** As {@link #awaitEvent(String, Duration)}, adding {@code context} (the server's log) to a failure. */
    String awaitEvent(String event, Duration timeout, java.util.function.Supplier<String> context) {
        return Poll.until(timeout, () -> event(event),
                () -> "no \"" + event + "\" line\n" + process.output() + "\n" + context.get());
    }

    Optional<String> event(String event) {
        return process.stdout().lines().filter(l -> l.contains("\"event\":\"" + event + "\"")).findFirst();
    }

    /** A string field of a JSON line ("address" -> "192.0.2.100"). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** A numeric field of a JSON line. */
    static double number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":([0-9.eE+-]+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    boolean signal(String sig) {
        return process.signal(sig);
    }

    int waitFor(Duration timeout) {
        return process.waitFor(timeout);
    }

    String stdout() {
        return process.stdout();
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
