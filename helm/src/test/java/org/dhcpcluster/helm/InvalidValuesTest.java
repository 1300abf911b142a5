package org.dhcpcluster.helm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Values that cannot work fail helm template with a message naming the key and the fix. */
class InvalidValuesTest {

    private static void assertFailsWith(ChartValues values, String... fragments) {
        String message = RenderedChart.failureOf(values);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "expected \"" + fragment + "\" in:\n" + message);
        }
    }

    @Test
    void withoutTheBundledDatabaseASecretIsRequired() {
        assertFailsWith(ChartValues.none(),
                "postgresql.existingSecret is required: create a Secret with keys jdbc-url, username, password",
                "postgresql.bundled.enabled=true");
    }

    @Test
    void twoReplicasCannotKeepAMajority() {
        assertFailsWith(ChartValues.withSecret().with("replicaCount", 2).with("cluster.requiredContactPoints", 1),
                "replicaCount=2", "cannot survive the loss of a node under keep-majority",
                "set replicaCount to 3 or more");
    }

    @Test
    void moreContactPointsThanReplicasWouldNeverFormACluster() {
        assertFailsWith(ChartValues.withSecret().with("cluster.requiredContactPoints", 4),
                "cluster.requiredContactPoints=4 is more than replicaCount=3", "at most 3");
    }

    @Test
    void aStaticQuorumMustBeAMajorityOfTheReplicas() {
        ChartValues staticQuorum = ChartValues.withSecret().with("replicaCount", 4)
                .with("cluster.splitBrainResolver.strategy", "static-quorum");
        assertFailsWith(staticQuorum.with("cluster.splitBrainResolver.quorumSize", 2),
                "cluster.splitBrainResolver.quorumSize=2", "set it to at least 3");
        assertFailsWith(staticQuorum.with("cluster.splitBrainResolver.quorumSize", 5),
                "cluster.splitBrainResolver.quorumSize=5 is more than replicaCount=4");
    }

    @Test
    void aTrafficModeMustBeChosen() {
        assertFailsWith(ChartValues.withSecret().with("traffic.relayed.enabled", false),
                "no traffic mode is enabled", "traffic.relayed.enabled=true", "traffic.hostNetwork.enabled=true");
    }

    @Test
    void onlyOneTrafficModeMayBeChosen() {
        assertFailsWith(ChartValues.withSecret().with("traffic.hostNetwork.enabled", true),
                "traffic.relayed.enabled and traffic.hostNetwork.enabled are both true", "enable exactly one");
    }

    @Test
    void theSchemaRejectsAReplicaCountThatIsNoNumber() {
        assertFailsWith(ChartValues.withSecret().with("replicaCount", "three"),
                "replicaCount", "Expected: integer, given: string");
    }

    @Test
    void theSchemaRejectsAGracePeriodTooShortForTheHandOff() {
        assertFailsWith(ChartValues.withSecret().with("terminationGracePeriodSeconds", 10),
                "terminationGracePeriodSeconds", "30");
    }

    @Test
    void theSchemaRejectsUnknownKeys() {
        assertFailsWith(ChartValues.withSecret().with("traffic.relayed.servce", "typo"), "servce");
    }

    @Test
    void theSchemaRejectsAnUnknownSplitBrainStrategy() {
        assertFailsWith(ChartValues.withSecret().with("cluster.splitBrainResolver.strategy", "keep-oldest"),
                "cluster.splitBrainResolver.strategy");
    }

    @Test
    void theChartOwnsTheListenSection() {
        assertFailsWith(ChartValues.withSecret().with("dhcp.v4.listen.port", 1067), "dhcp.v4");
    }
}
