package org.dhcpcluster.lease.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dhcpcluster.lease.testing.EmbeddedPostgresFixture;
import org.junit.jupiter.api.Test;

class ServerIdentityStoreTest {

    @Test
    void theFirstNodeCreatesTheDuidAndEveryLaterReadGetsTheSameOne() {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        db.verifyAndPrepare();
        byte[] first = db.serverDuid();
        assertEquals(18, first.length);
        assertEquals(0, first[0]);
        assertEquals(ServerIdentityStore.DUID_UUID, first[1], "DUID-UUID (RFC 6355)");
        db.verifyAndPrepare();
        assertArrayEquals(first, db.serverDuid());
    }

    @Test
    void nodesStartingTogetherAgreeOnOneDuid() {
        DatabaseSettings db = EmbeddedPostgresFixture.freshDatabase();
        db.verifyAndPrepare();
        List<CompletableFuture<byte[]>> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(CompletableFuture.supplyAsync(db::serverDuid));
        }
        byte[] agreed = nodes.get(0).join();
        for (CompletableFuture<byte[]> n : nodes) {
            assertArrayEquals(agreed, n.join());
        }
    }

    @Test
    void aDuidUuidIsTheTypeThenTheUuidOctets() {
        UUID u = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        assertArrayEquals(new byte[] {0, 4, 0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef,
            0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef}, ServerIdentityStore.newDuidUuid(u));
    }
}
