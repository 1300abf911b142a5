package org.dhcpcluster.lease.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dhcpcluster.lease.partition.PartitionEvent;
import org.dhcpcluster.lease.partition.PartitionEvent.LeaseDetails;
import org.junit.jupiter.api.Test;

/** The double-binding check reads the whole history of each item, not only its last record. */
class PartitionJournalTest {
    private static final byte[] A = {1, 1, 2, 0, 0, 0, 0, 1};
    private static final byte[] B = {1, 1, 2, 0, 0, 0, 0, 2};

    private static List<String> twice(List<Object> events) {
        List<String> twice = new ArrayList<>();
        PartitionJournal.replay("4:192.0.2.0", events, 10_000, new ArrayList<>(), twice);
        return twice;
    }

    @Test
    void anItemBoundToASecondClientWhileTheFirstsLeaseRanIsReportedEvenIfTheFirstIsGoneSince() {
        List<String> found = twice(List.of(
                new PartitionEvent.Bound(5, 1, A, 1_000, 5_000, 0, LeaseDetails.NONE),
                new PartitionEvent.Bound(5, 1, B, 2_000, 6_000, 0, LeaseDetails.NONE),
                new PartitionEvent.Released(5, 3_000)));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains("item 5"));
    }

    @Test
    void aSecondClientAfterARelease_anExpiry_orARenewalOfTheSameClientIsNot() {
        assertEquals(List.of(), twice(List.of(
                new PartitionEvent.Bound(5, 1, A, 1_000, 5_000, 0, LeaseDetails.NONE),
                new PartitionEvent.Renewed(5, 2_000, 7_000, 0),
                new PartitionEvent.Bound(5, 1, A, 3_000, 8_000, 0, LeaseDetails.NONE),
                new PartitionEvent.Released(5, 4_000),
                new PartitionEvent.Bound(5, 1, B, 4_500, 9_000, 0, LeaseDetails.NONE),
                new PartitionEvent.Bound(6, 1, A, 1_000, 2_000, 0, LeaseDetails.NONE),
                new PartitionEvent.Bound(6, 1, B, 2_000, 3_000, 0, LeaseDetails.NONE))));
    }
}
