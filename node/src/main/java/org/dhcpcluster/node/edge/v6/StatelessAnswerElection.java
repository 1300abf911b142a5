package org.dhcpcluster.node.edge.v6;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Which node answers an INFORMATION-REQUEST or CONFIRM that a client multicast on a link where
 * several nodes listen. These need no lease entity, so no entity is there to notice the copies;
 * without a choice every node on the link would answer, with the same server DUID.
 *
 * <p>One Up member is chosen from the transaction id and the Elapsed Time option. The copies of
 * one transmission carry both unchanged, so every node makes the same choice. A retransmission
 * carries a larger elapsed time (RFC 8415 section 21.9), so it is likely to fall to another
 * member: a chosen node that did not hear the message, or is gone, costs the client one
 * retransmission, not all of them. Relayed messages reach one node only and are always answered.
 */
public final class StatelessAnswerElection {
    private final ActorSystem<?> system;

    public StatelessAnswerElection(ActorSystem<?> system) {
        this.system = system;
    }

    public boolean thisNodeAnswers(int transactionId, int elapsedTime) {
        Cluster cluster = Cluster.get(system);
        List<Address> up = new ArrayList<>();
        for (Member m : cluster.state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
                up.add(m.address());
            }
        }
        return chosen(up, cluster.selfMember().address(), transactionId, elapsedTime);
    }

    /** {@code upMembers} in the cluster's own order (by address), the same list on every node. */
    static boolean chosen(List<Address> upMembers, Address self, int transactionId, int elapsedTime) {
        if (upMembers.size() <= 1 || !upMembers.contains(self)) {
            return true;
        }
        long mixed = (transactionId & 0xffffffL) * 0x9E3779B97F4A7C15L + elapsedTime * 0xC2B2AE3D27D4EB4FL;
        int index = (int) Math.floorMod(mixed ^ (mixed >>> 29), (long) upMembers.size());
        return upMembers.get(index).equals(self);
    }
}
