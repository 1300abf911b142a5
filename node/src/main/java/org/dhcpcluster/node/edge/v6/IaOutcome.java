package org.dhcpcluster.node.edge.v6;

import org.dhcpcluster.lease.v6.IaReply.IaAnswer;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;

/** One IA of a client message and what its lease entity answered. */
record IaOutcome(IdentityAssociation requested, IaAnswer answer) {
}
