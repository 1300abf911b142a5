package org.dhcpcluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PekkoSettingsTest {

    @Test
    void seedsWrittenAsHostAndPortBecomeClusterAddresses() {
        assertEquals("pekko://dhcp@10.0.0.5:25520", PekkoSettings.seedAddress("10.0.0.5:25520"));
        assertEquals("pekko://dhcp@node-0.dhcp:25520", PekkoSettings.seedAddress("node-0.dhcp:25520"));
    }

    @Test
    void fullAddressesAreKeptAsTheyAre() {
        assertEquals("pekko://dhcp@10.0.0.5:25520", PekkoSettings.seedAddress("pekko://dhcp@10.0.0.5:25520"));
    }
}
