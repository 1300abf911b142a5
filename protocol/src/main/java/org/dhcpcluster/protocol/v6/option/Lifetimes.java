package org.dhcpcluster.protocol.v6.option;

/** Unsigned 32-bit times in seconds, as IA and address options carry them (RFC 8415 section 7.7). */
public final class Lifetimes {
    /** 0xffffffff: "infinity" for T1, T2 and lifetimes (RFC 8415 section 7.7). */
    public static final long INFINITY = 0xFFFF_FFFFL;

    private Lifetimes() {
    }
}
