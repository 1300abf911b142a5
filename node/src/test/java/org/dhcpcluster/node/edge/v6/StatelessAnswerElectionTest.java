package org.dhcpcluster.node.edge.v6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;

class StatelessAnswerElectionTest {
    private static final List<Address> THREE = List.of(node(1), node(2), node(3));

    private static Address node(int i) {
        return new Address("pekko", "dhcp", "192.0.2." + (10 + i), 25520);
    }

    private static int answering(List<Address> members, int xid, int elapsed) {
        int n = 0;
        for (Address self : members) {
            if (StatelessAnswerElection.chosen(members, self, xid, elapsed)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void exactlyOneOfTheNodesThatHearAMulticastAnswersIt() {
        for (int xid = 0; xid < 5_000; xid++) {
            assertEquals(1, answering(THREE, xid * 7919, 0), "transaction " + xid);
        }
    }

    @Test
    void aNodeAloneOrNotYetAMemberAlwaysAnswers() {
        assertTrue(StatelessAnswerElection.chosen(List.of(node(1)), node(1), 42, 0));
        assertTrue(StatelessAnswerElection.chosen(THREE, node(9), 42, 0), "a node outside the member list cannot rely on the others");
    }

    @Test
    void retransmissionsOfOneTransactionMoveBetweenNodes() {
        // RFC 8415: elapsed time (hundredths of a second) grows with each retransmission
        Set<Address> answerers = new HashSet<>();
        for (int elapsed : new int[] {0, 100, 300, 700, 1500, 3100}) {
            for (Address self : THREE) {
                if (StatelessAnswerElection.chosen(THREE, self, 0x00abcdef, elapsed)) {
                    answerers.add(self);
                }
            }
        }
        assertTrue(answerers.size() >= 2, "every retransmission went to " + answerers);
    }

    @Test
    void transactionsSpreadOverEveryNode() {
        int[] counts = new int[3];
        for (int xid = 0; xid < 3_000; xid++) {
            for (int i = 0; i < 3; i++) {
                if (StatelessAnswerElection.chosen(THREE, THREE.get(i), xid * 104_729, 0)) {
                    counts[i]++;
                }
            }
        }
        for (int c : counts) {
            assertTrue(c > 800, "uneven: " + Arrays.toString(counts));
        }
    }
}
