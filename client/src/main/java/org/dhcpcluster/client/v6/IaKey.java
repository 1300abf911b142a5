package org.dhcpcluster.client.v6;

import java.util.Objects;
import org.dhcpcluster.protocol.v6.option.IaType;
import org.dhcpcluster.protocol.v6.option.IdentityAssociation;
import org.dhcpcluster.protocol.v6.option.Lifetimes;

/**
 * Which identity association: its type and IAID, the client's own name for one binding
 * (RFC 8415 section 12). Only IA_NA and IA_PD: IA_TA has no T1/T2 and is not renewed, so this
 * client does not ask for it.
 */
public record IaKey(IaType type, long iaid) {

    public IaKey {
        Objects.requireNonNull(type, "type");
        if (type == IaType.TA) {
            throw new IllegalArgumentException("this client asks for IA_NA and IA_PD only");
        }
        if (iaid < 0 || iaid > Lifetimes.INFINITY) {
            throw new IllegalArgumentException("an IAID is an unsigned 32-bit number: " + iaid);
        }
    }

    public static IaKey na(long iaid) {
        return new IaKey(IaType.NA, iaid);
    }

    public static IaKey pd(long iaid) {
        return new IaKey(IaType.PD, iaid);
    }

    public static IaKey of(IdentityAssociation ia) {
        return new IaKey(ia.type(), ia.iaid());
    }

    public boolean matches(IdentityAssociation ia) {
        return ia.type() == type && ia.iaid() == iaid;
    }

    @Override
    public String toString() {
        return type + "(" + iaid + ")";
    }
}
