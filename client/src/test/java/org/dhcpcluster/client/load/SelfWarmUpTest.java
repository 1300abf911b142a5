package org.dhcpcluster.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The warm-up's clients go through every step of a run against the in-process responder. */
class SelfWarmUpTest {

    @Test
    void v4ClientsAllLeaseAndRenewAgainstTheLoopbackResponder() {
        MeasuredPhase m = SelfWarmUp.run("v4", 400);
        assertEquals(300, m.leased());
        assertEquals(100, m.renewalsAcked());
        assertEquals(0, m.leasesFailed() + m.renewalsFailed());
    }

    @Test
    void v6ClientsAllLeaseAndRenewAgainstTheLoopbackResponder() {
        MeasuredPhase m = SelfWarmUp.run("v6", 400);
        assertEquals(300, m.leased());
        assertEquals(100, m.renewalsAcked());
        assertEquals(0, m.leasesFailed() + m.renewalsFailed());
    }
}
