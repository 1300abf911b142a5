package org.dhcpcluster.lease.v4.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockOrderTest {
    private static final int[] BASES = {0xC6120000, 0xC6120100, 0xC6120200, 0xC6120300, 0xC6120400};

    private static List<Integer> drain(BlockOrder order) {
        List<Integer> out = new ArrayList<>();
        for (OptionalInt b = order.next(); b.isPresent(); b = order.next()) {
            out.add(b.getAsInt());
        }
        return out;
    }

    @Test
    void everyBlockIsAskedExactlyOnce() {
        List<Integer> order = drain(BlockOrder.forClient(BASES, "hw-1-020000000001", 0));
        assertEquals(BASES.length, order.size());
        assertEquals(BASES.length, new HashSet<>(order).size());
    }

    @Test
    void theBlockOfThePreferredAddressComesFirstAndIsNotAskedTwice() {
        List<Integer> order = drain(BlockOrder.forClient(BASES, "hw-1-020000000001", 0xC6120317));
        assertEquals(0xC6120300, order.get(0));
        assertEquals(BASES.length, order.size());
        assertEquals(BASES.length, new HashSet<>(order).size());
    }

    @Test
    void aPreferredAddressOutsideThePoolsChangesNothing() {
        assertEquals(BASES.length, drain(BlockOrder.forClient(BASES, "hw-1-020000000001", 0xC0000201)).size());
    }

    @Test
    void clientsStartAtDifferentBlocksSoNewClientsSpreadOverTheBlocks() {
        Set<Integer> firstBlocks = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            firstBlocks.add(BlockOrder.forClient(BASES, String.format("hw-1-0200000000%02x", i), 0).next().getAsInt());
        }
        assertEquals(BASES.length, firstBlocks.size(), "sequential MACs must not all start at one block");
    }

    @Test
    void aSubnetWithoutPoolsHasNoBlocks() {
        assertTrue(BlockOrder.forClient(new int[0], "hw-1-020000000001", 0).next().isEmpty());
    }
}
