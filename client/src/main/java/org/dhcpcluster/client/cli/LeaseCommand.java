package org.dhcpcluster.client.cli;

import java.io.PrintStream;
import java.net.Inet4Address;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dhcpcluster.client.fouro6.Dhcp4o6Runner;
import org.dhcpcluster.client.udp.V4Runner;
import org.dhcpcluster.client.udp.V6Runner;
import org.dhcpcluster.client.v4.DhcpV4ClientConfig;
import org.dhcpcluster.client.v4.DhcpV4ClientListener;
import org.dhcpcluster.client.v4.DhcpV4Lease;
import org.dhcpcluster.client.v6.DhcpV6ClientConfig;
import org.dhcpcluster.client.v6.DhcpV6ClientListener;
import org.dhcpcluster.client.v6.DhcpV6Lease;
import org.dhcpcluster.protocol.v4.DhcpV4Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code client v4|v6|4o6 --interface IF [--release] [--once]}: one real client on one
 * interface. Prints each lease event as a JSON line on stdout, keeps the lease renewed until
 * SIGINT/SIGTERM (then releases it and exits 0); {@code --release} gives it back as soon as it is
 * obtained, {@code --once} exits after the first lease without releasing (scripts, health probes).
 * Exit 1 when no lease came within {@code --timeout}.
 */
@Command(description = "Obtain a lease on an interface, print it as JSON, keep it renewed until SIGINT/SIGTERM.",
        mixinStandardHelpOptions = true)
final class LeaseCommand implements Callable<Integer> {
    private static final Duration V6_RELEASE_WAIT = Duration.ofSeconds(5);

    final Family family;

    @Option(names = "--interface", required = true, paramLabel = "IF", description = "interface to run on")
    String device;

    @Option(names = "--release", description = "release the lease as soon as it is obtained, then exit")
    boolean releaseAtOnce;

    @Option(names = "--once", description = "exit after the first lease (without releasing it)")
    boolean once;

    @Option(names = "--mac", paramLabel = "MAC", description = "hardware address to use (default: the interface's)")
    String mac;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "give up (exit 1) if no lease came within this time (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--no-configure", description = "v4: do not put the leased address on the interface "
            + "(renewing needs it there, RFC 2131 unicast)")
    boolean noConfigure;

    @Option(names = "--4o6-discovery-wait", paramLabel = "SECONDS", defaultValue = "3",
            description = "4o6: how long to wait for option 88 before using ff02::1:2 (default: ${DEFAULT-VALUE})")
    long discoveryWaitSeconds;

    private final PrintStream out;
    private final CountDownLatch firstLease = new CountDownLatch(1);

    LeaseCommand(Family family, PrintStream out) {
        this.family = family;
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        byte[] hw = mac != null ? Macs.parse(mac) : Macs.ofInterface(device);
        ShutdownSignals signals = releaseAtOnce || once ? null : ShutdownSignals.install();
        try (LeaseSession session = open(hw, new SecureRandom())) {
            session.start();
            if (!firstLease.await(timeoutSeconds, TimeUnit.SECONDS)) {
                System.err.println("no " + family + " lease on " + device + " within " + timeoutSeconds + " s");
                session.release();
                return 1;
            }
            if (once) {
                return 0;
            }
            if (!releaseAtOnce) {
                String sig = signals.await();
                System.err.println("SIG" + sig + ": releasing");
            }
            session.release();
            return 0;
        }
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }

    private LeaseSession open(byte[] hw, Random random) {
        return switch (family) {
            case V4 -> v4Session(hw, random);
            case V6 -> v6Session(hw, random);
            case DHCP4O6 -> dhcp4o6Session(hw, random);
        };
    }

    private LeaseSession v4Session(byte[] hw, Random random) {
        DhcpV4ClientConfig config = DhcpV4ClientConfig.builder(hw).broadcastFlag(true).build();
        Optional<AddressConfigurator> configurator = noConfigure ? Optional.empty() : Optional.of(new AddressConfigurator(device));
        V4Runner runner = V4Runner.open(device, config, v4Listener("v4", configurator), random);
        return new LeaseSession() {
            public void start() {
                runner.start();
            }

            public void release() {
                Optional<DhcpV4Lease> held = runner.lease();
                if (runner.release()) {
                    held.ifPresent(l -> configurator.ifPresent(
                            c -> c.remove(l.address().getHostAddress(), LeaseJson.prefixLength(l))));
                }
            }

            public void close() {
                runner.close();
            }
        };
    }

    private LeaseSession dhcp4o6Session(byte[] hw, Random random) {
        DhcpV4ClientConfig config = DhcpV4ClientConfig.builder(hw).build();
        Dhcp4o6Runner runner = Dhcp4o6Runner.open(device, config, v4Listener("4o6", Optional.empty()), random,
                Duration.ofSeconds(discoveryWaitSeconds), learned -> print(LeaseJson.servers4o6(device, learned)));
        return new LeaseSession() {
            public void start() {
                runner.start();
            }

            public void release() {
                runner.release();
            }

            public void close() {
                runner.close();
            }
        };
    }

    private LeaseSession v6Session(byte[] hw, Random random) {
        DhcpV6ClientConfig config = DhcpV6ClientConfig.builder(hw).iaNa(1).build();
        V6Runner runner = V6Runner.open(device, config, new DhcpV6ClientListener() {
            @Override
            public void bound(DhcpV6Lease lease) {
                print(LeaseJson.v6("bound", device, lease));
                firstLease.countDown();
            }

            @Override
            public void renewed(DhcpV6Lease lease) {
                print(LeaseJson.v6("renewed", device, lease));
            }

            @Override
            public void expired(DhcpV6Lease lease) {
                print(LeaseJson.v6("expired", device, lease));
            }

            @Override
            public void released(DhcpV6Lease lease) {
                print(LeaseJson.v6("released", device, lease));
            }
        }, random);
        return new LeaseSession() {
            public void start() {
                runner.start();
            }

            public void release() {
                runner.release(V6_RELEASE_WAIT);
            }

            public void close() {
                runner.close();
            }
        };
    }

    private DhcpV4ClientListener v4Listener(String label, Optional<AddressConfigurator> configurator) {
        return new DhcpV4ClientListener() {
            @Override
            public void bound(DhcpV4Lease lease) {
                configurator.ifPresent(c -> c.add(lease.address().getHostAddress(), LeaseJson.prefixLength(lease)));
                print(LeaseJson.v4(label, "bound", device, lease));
                firstLease.countDown();
            }

            @Override
            public void renewed(DhcpV4Lease lease) {
                print(LeaseJson.v4(label, "renewed", device, lease));
            }

            @Override
            public void expired(DhcpV4Lease lease) {
                configurator.ifPresent(c -> c.remove(lease.address().getHostAddress(), LeaseJson.prefixLength(lease)));
                print(LeaseJson.v4(label, "expired", device, lease));
            }

            @Override
            public void released(DhcpV4Lease lease) {
                // the address leaves the interface only once the RELEASE has (see v4Session), as it is its source
                print(LeaseJson.v4(label, "released", device, lease));
            }

            @Override
            public void nakReceived(DhcpV4Message nak) {
                print(LeaseJson.nak(label, device, nak.message()));
            }

            @Override
            public void declined(Inet4Address address) {
                print(LeaseJson.declined(label, device, address));
            }
        };
    }
}
