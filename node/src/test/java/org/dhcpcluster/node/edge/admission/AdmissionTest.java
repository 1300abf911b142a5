package org.dhcpcluster.node.edge.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionTest {
    private static final long T0 = 1_000_000;

    private static int admitted(Admission a, String source, int subnet, int tries, long now) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (a.admit(source, subnet, now).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aFloodingRelayIsCutToItsRateWhileAnotherRelayIsStillAdmitted() {
        Admission a = new Admission(new Admission.Settings(new Rate(100, 10), Rate.UNLIMITED, 8));
        assertEquals(10, admitted(a, "relay 198.51.100.1", 1, 1000, T0), "the burst, then nothing more in the same instant");
        assertEquals(Optional.of(Admission.SOURCE_LIMITED), a.admit("relay 198.51.100.1", 1, T0));
        assertEquals(10, admitted(a, "relay 203.0.113.1", 1, 10, T0), "another relay has its own bucket");
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        Admission a = new Admission(new Admission.Settings(new Rate(100, 10), Rate.UNLIMITED, 8));
        admitted(a, "link eth0", 1, 10, T0);
        assertEquals(5, admitted(a, "link eth0", 1, 100, T0 + 50), "50 ms at 100/s");
        assertEquals(10, admitted(a, "link eth0", 1, 100, T0 + 60_000), "a quiet minute refills only up to the burst");
    }

    @Test
    void aSubnetIsLimitedWhateverItsSources() {
        Admission a = new Admission(new Admission.Settings(Rate.UNLIMITED, new Rate(10, 20), 8));
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += a.admit("relay 198.51.100." + i, 7, T0).isEmpty() ? 1 : 0;
        }
        assertEquals(20, admitted);
        assertEquals(Optional.of(Admission.SUBNET_LIMITED), a.admit("relay 192.0.2.1", 7, T0));
        assertTrue(a.admit("relay 192.0.2.1", 8, T0).isEmpty(), "another subnet is not affected");
    }

    @Test
    void sourcesBeyondTheBoundShareOneBucketSoForgedRelayAddressesCannotGrowMemory() {
        Admission a = new Admission(new Admission.Settings(new Rate(1, 1), Rate.UNLIMITED, 8));
        for (int i = 0; i < Admission.MAX_SOURCES; i++) {
            assertTrue(a.admit("relay " + i, 1, T0).isEmpty());
        }
        assertTrue(a.admit("relay new-1", 1, T0).isEmpty(), "the first newcomer takes the shared bucket's token");
        assertEquals(Optional.of(Admission.SOURCE_LIMITED), a.admit("relay new-2", 1, T0), "and the next one finds it empty");
    }

    @Test
    void unlimitedByDefaultAndAMessageWithTooManyIasIsRefused() {
        Admission a = new Admission(new Admission.Settings(Rate.UNLIMITED, Rate.UNLIMITED, 8));
        assertEquals(100_000, admitted(a, "relay 198.51.100.1", 1, 100_000, T0));
        assertTrue(a.admitIas(8).isEmpty());
        assertEquals(Optional.of(Admission.TOO_MANY_IAS), a.admitIas(9));
    }
}
