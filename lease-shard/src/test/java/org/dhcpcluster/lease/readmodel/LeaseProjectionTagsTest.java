package org.dhcpcluster.lease.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.dhcpcluster.lease.partition.PartitionEntity;
import org.dhcpcluster.lease.v4.Block4;
import org.junit.jupiter.api.Test;

/** The projection instances read exactly the tags partitions write: a tag nobody reads would never reach the read model. */
class LeaseProjectionTagsTest {
    @Test
    void everyPartitionsTagIsReadByOneProjectionInstance() {
        Set<String> read = new HashSet<>();
        for (int i = 0; i < PartitionEntity.TAGS; i++) {
            read.add(LeaseProjection.tag(i));
        }
        Set<String> written = new HashSet<>();
        for (int block = 0; block < 4096; block++) {
            written.add(PartitionEntity.tagOf(new Block4(0xC612_0000 + block * Block4.SIZE).entityId()));
        }
        written.add(PartitionEntity.tagOf("6:L128@2001:db8:1::"));
        assertEquals(read, written);
    }
}
