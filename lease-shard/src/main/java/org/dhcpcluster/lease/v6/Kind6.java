package org.dhcpcluster.lease.v6;

/** The client messages that concern an identity association's bindings (RFC 8415 section 18.3). */
public enum Kind6 {
    SOLICIT, REQUEST, RENEW, REBIND, RELEASE, DECLINE
}
