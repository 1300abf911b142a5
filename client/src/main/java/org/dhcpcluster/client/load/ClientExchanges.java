package org.dhcpcluster.client.load;

import java.time.Instant;

/**
 * The last few exchanges of one simulated client, so that a reply arriving late (a second
 * server's OFFER after the REQUEST went out) or twice finds the exchange it answers. Three
 * cover a DHCPv4 DORA followed by a renewal; older replies are not worth telling apart.
 */
final class ClientExchanges {
    static final int KEPT = 3;

    /** One exchange: how often its message went out, and how many replies came back. */
    static final class Exchange {
        final String name;
        final String replyKind;
        final int xid;
        final Instant firstSent;
        int transmissions = 1;
        int answers;

        Exchange(String name, int xid, Instant firstSent) {
            this.name = name;
            this.replyKind = ExchangeNames.replyKind(name);
            this.xid = xid;
            this.firstSent = firstSent;
        }
    }

    private final Exchange[] recent = new Exchange[KEPT];
    private int next;
    /** The exchange awaiting its first reply, if any. */
    Exchange pending;

    /** The newest exchange with this transaction id and reply kind, or null. */
    Exchange find(int xid, String replyKind) {
        for (int i = 1; i <= KEPT; i++) {
            Exchange e = recent[Math.floorMod(next - i, KEPT)];
            if (e != null && e.xid == xid && e.replyKind.equals(replyKind)) {
                return e;
            }
        }
        return null;
    }

    void begin(Exchange e) {
        recent[next] = e;
        next = (next + 1) % KEPT;
        pending = e;
    }
}
