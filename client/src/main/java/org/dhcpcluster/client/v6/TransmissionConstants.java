package org.dhcpcluster.client.v6;

import java.time.Duration;

/**
 * The client's transmission and retransmission parameters, RFC 8415 section 7.6, under
 * the RFC's names. {@link RetransmissionParameters} groups them per message type.
 */
public final class TransmissionConstants {
    public static final Duration SOL_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration SOL_MAX_RT = Duration.ofSeconds(3600);
    public static final Duration REQ_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration REQ_MAX_RT = Duration.ofSeconds(30);
    public static final int REQ_MAX_RC = 10;
    public static final Duration CNF_MAX_DELAY = Duration.ofSeconds(1);
    public static final Duration CNF_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration CNF_MAX_RT = Duration.ofSeconds(4);
    public static final Duration CNF_MAX_RD = Duration.ofSeconds(10);
    public static final Duration REN_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REN_MAX_RT = Duration.ofSeconds(600);
    public static final Duration REB_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REB_MAX_RT = Duration.ofSeconds(600);
    public static final Duration INF_MAX_DELAY = Duration.ofSeconds(1);
    public static final Duration INF_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration INF_MAX_RT = Duration.ofSeconds(3600);
    public static final Duration REL_TIMEOUT = Duration.ofSeconds(1);
    public static final int REL_MAX_RC = 4;
    /** Default information refresh time for a stateless client (section 21.23). */
    public static final Duration IRT_DEFAULT = Duration.ofSeconds(86400);
    /** Shortest information refresh time a client accepts (section 21.23). */
    public static final Duration IRT_MINIMUM = Duration.ofSeconds(600);
    /** Bounds a server's SOL_MAX_RT and INF_MAX_RT options must respect to be used (sections 21.24, 21.25). */
    public static final Duration MAX_RT_OPTION_MINIMUM = Duration.ofSeconds(60);
    public static final Duration MAX_RT_OPTION_MAXIMUM = Duration.ofSeconds(86400);

    private TransmissionConstants() {
    }
}
