package org.dhcpcluster.client.v4;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.dhcpcluster.protocol.v4.ClientIdentifier;
import org.dhcpcluster.protocol.v4.OptionCode;

/**
 * Who a DHCPv4 client is and the few choices RFC 2131 leaves to it. Immutable; build with
 * {@link #builder(byte[])}.
 */
public final class DhcpV4ClientConfig {
    /** Subnet mask, routers, DNS servers, domain name, broadcast address, lease time, T1, T2. */
    public static final List<Integer> DEFAULT_PARAMETER_REQUEST_LIST = List.of(
            OptionCode.SUBNET_MASK, OptionCode.ROUTERS, OptionCode.DOMAIN_NAME_SERVERS, OptionCode.DOMAIN_NAME,
            OptionCode.BROADCAST_ADDRESS, OptionCode.IP_ADDRESS_LEASE_TIME, OptionCode.RENEWAL_TIME,
            OptionCode.REBINDING_TIME);
    /** RFC 2131 section 3.1 step 5: wait at least ten seconds after a DHCPDECLINE, in case of a loop. */
    public static final Duration MINIMUM_DECLINE_RESTART_DELAY = Duration.ofSeconds(10);

    private final byte[] hardwareAddress;
    private final Optional<ClientIdentifier> clientIdentifier;
    private final Optional<String> hostName;
    private final List<Integer> parameterRequestList;
    private final boolean broadcastFlag;
    private final Duration offerWindow;
    private final int requestTransmissions;
    private final Duration nakRestartDelay;
    private final Duration declineRestartDelay;
    private final Predicate<Inet4Address> addressInUse;

    private DhcpV4ClientConfig(Builder b) {
        hardwareAddress = b.hardwareAddress.clone();
        clientIdentifier = b.clientIdentifier;
        hostName = b.hostName;
        parameterRequestList = List.copyOf(b.parameterRequestList);
        broadcastFlag = b.broadcastFlag;
        offerWindow = b.offerWindow;
        requestTransmissions = b.requestTransmissions;
        nakRestartDelay = b.nakRestartDelay;
        declineRestartDelay = b.declineRestartDelay;
        addressInUse = b.addressInUse;
    }

    /** @param hardwareAddress the chaddr, usually a 6-octet Ethernet MAC (1 to 16 octets) */
    public static Builder builder(byte[] hardwareAddress) {
        return new Builder(hardwareAddress);
    }

    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    /** Option 61; without it servers key the client on htype and chaddr. */
    public Optional<ClientIdentifier> clientIdentifier() {
        return clientIdentifier;
    }

    /** Option 12. */
    public Optional<String> hostName() {
        return hostName;
    }

    /** Option 55, in the client's order of preference. */
    public List<Integer> parameterRequestList() {
        return parameterRequestList;
    }

    /**
     * The BROADCAST flag on DHCPDISCOVER and on DHCPREQUEST before the client has an address
     * (RFC 2131 section 4.1): set it when the transport cannot receive unicast to an address
     * the interface does not have yet (an ordinary UDP socket cannot).
     */
    public boolean broadcastFlag() {
        return broadcastFlag;
    }

    /**
     * How long SELECTING collects offers after the first one before choosing (RFC 2131
     * section 4.4.1 lets the client wait for several). Zero: take the first acceptable offer.
     */
    public Duration offerWindow() {
        return offerWindow;
    }

    /**
     * How many times a DHCPREQUEST in REQUESTING or REBOOTING is sent before the client
     * gives up and goes back to INIT (RFC 2131 section 4.4.1 bounds this exchange without
     * fixing the number). With the 4, 8, 16, 32 s backoff, the default of 4 gives up after
     * about a minute.
     */
    public int requestTransmissions() {
        return requestTransmissions;
    }

    /** How long INIT waits after a DHCPNAK before DHCPDISCOVER, so a server that NAKs everything is not hammered. */
    public Duration nakRestartDelay() {
        return nakRestartDelay;
    }

    /** How long INIT waits after a DHCPDECLINE; at least {@link #MINIMUM_DECLINE_RESTART_DELAY}. */
    public Duration declineRestartDelay() {
        return declineRestartDelay;
    }

    /**
     * The conflict check of RFC 2131 section 3.1 step 5 (an ARP probe on a real interface):
     * true when the acknowledged address is already in use, which makes the client decline it.
     */
    public Predicate<Inet4Address> addressInUse() {
        return addressInUse;
    }

    public static final class Builder {
        private final byte[] hardwareAddress;
        private Optional<ClientIdentifier> clientIdentifier = Optional.empty();
        private Optional<String> hostName = Optional.empty();
        private List<Integer> parameterRequestList = DEFAULT_PARAMETER_REQUEST_LIST;
        private boolean broadcastFlag;
        private Duration offerWindow = Duration.ZERO;
        private int requestTransmissions = 4;
        private Duration nakRestartDelay = Duration.ofSeconds(3);
        private Duration declineRestartDelay = MINIMUM_DECLINE_RESTART_DELAY;
        private Predicate<Inet4Address> addressInUse = a -> false;

        private Builder(byte[] hardwareAddress) {
            if (hardwareAddress.length < 1 || hardwareAddress.length > 16) {
                throw new IllegalArgumentException("chaddr holds 1 to 16 octets, got " + hardwareAddress.length);
            }
            this.hardwareAddress = hardwareAddress.clone();
        }

        public Builder clientIdentifier(ClientIdentifier id) {
            clientIdentifier = Optional.of(id);
            return this;
        }

        public Builder hostName(String name) {
            hostName = Optional.of(name);
            return this;
        }

        public Builder parameterRequestList(List<Integer> codes) {
            for (int c : codes) {
                if (c < 1 || c > 254) {
                    throw new IllegalArgumentException("option codes are 1..254: " + c);
                }
            }
            parameterRequestList = List.copyOf(codes);
            return this;
        }

        public Builder broadcastFlag(boolean on) {
            broadcastFlag = on;
            return this;
        }

        public Builder offerWindow(Duration window) {
            offerWindow = nonNegative("offer window", window);
            return this;
        }

        public Builder requestTransmissions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a DHCPREQUEST is sent at least once: " + n);
            }
            requestTransmissions = n;
            return this;
        }

        public Builder nakRestartDelay(Duration delay) {
            nakRestartDelay = nonNegative("NAK restart delay", delay);
            return this;
        }

        public Builder declineRestartDelay(Duration delay) {
            if (delay.compareTo(MINIMUM_DECLINE_RESTART_DELAY) < 0) {
                throw new IllegalArgumentException("RFC 2131 section 3.1 asks for at least 10 s after a DHCPDECLINE: " + delay);
            }
            declineRestartDelay = delay;
            return this;
        }

        public Builder addressInUse(Predicate<Inet4Address> check) {
            addressInUse = Objects.requireNonNull(check, "check");
            return this;
        }

        public DhcpV4ClientConfig build() {
            return new DhcpV4ClientConfig(this);
        }

        private static Duration nonNegative(String what, Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " cannot be negative: " + d);
            }
            return d;
        }
    }
}
