package org.dhcpcluster.protocol.v6;

import org.dhcpcluster.protocol.v6.option.IdentityAssociation;

/**
 * Calls every typed getter of a decoded layer, down into the options IA_NA, IA_TA and IA_PD
 * nest (IAADDR, IAPREFIX and their status codes). The decoder validated each option against
 * its definition, so none of them may throw on a decoded message: one that does would crash
 * the v6 edge on a packet the decoder let through.
 */
public final class V6Accessors {
    private V6Accessors() {
    }

    /** Every layer of {@code m}, relays included. */
    public static void readAll(DhcpV6Message m) {
        m.toString();
        m.relayDepth();
        if (m instanceof OptionAccessors layer) {
            readLayer(layer);
        }
        if (m instanceof RelayMessage relay) {
            relay.innermost();
            readAll(relay.relayed());
        }
        if (m instanceof Dhcp4o6Message query) {
            query.unicastFlag();
        }
    }

    private static void readLayer(OptionAccessors m) {
        m.clientId().ifPresent(V6Accessors::readDuid);
        m.serverId().ifPresent(V6Accessors::readDuid);
        m.iaNa().forEach(V6Accessors::readIa);
        m.iaTa().forEach(V6Accessors::readIa);
        m.iaPd().forEach(V6Accessors::readIa);
        m.optionRequest();
        m.preference();
        m.elapsedTime();
        m.authentication();
        m.serverUnicast();
        m.statusCode();
        m.rapidCommit();
        m.userClass();
        m.vendorClasses();
        m.vendorOptions();
        m.interfaceId();
        m.reconfigureMessage();
        m.reconfigureAccept();
        m.dnsServers();
        m.domainSearchList();
        m.informationRefreshTime();
        m.remoteId();
        m.subscriberId();
        m.clientLinkLayerAddress();
        m.solMaxRt();
        m.infMaxRt();
        m.dhcpV4Message();
        m.dhcp4o6ServerAddresses();
    }

    private static void readDuid(Duid d) {
        d.type();
        d.hardwareType();
        d.linkLayerAddress();
        d.time();
        d.enterpriseNumber();
        d.enterpriseIdentifier();
        d.toString();
    }

    private static void readIa(IdentityAssociation ia) {
        ia.status();
        ia.addresses().forEach(a -> {
            a.status();
            a.toString();
        });
        ia.prefixes().forEach(p -> {
            p.status();
            p.toString();
        });
        ia.toOption();
    }
}
