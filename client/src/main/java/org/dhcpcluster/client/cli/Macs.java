package org.dhcpcluster.client.cli;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HexFormat;

/** Hardware addresses for the CLI: "02:00:5e:00:53:01" on the command line, else the interface's own. */
final class Macs {
    private Macs() {
    }

    static byte[] parse(String text) {
        byte[] mac = HexFormat.of().parseHex(text.replaceAll("[:\\-.]", ""));
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC has 6 octets: " + text);
        }
        return mac;
    }

    static byte[] ofInterface(String device) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(device);
            byte[] mac = nif == null ? null : nif.getHardwareAddress();
            if (mac == null || mac.length != 6) {
                throw new IllegalArgumentException("interface " + device + " has no Ethernet address: give --mac");
            }
            return mac;
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot read interface " + device + ": " + e.getMessage(), e);
        }
    }

    static String format(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }
}
