package org.dhcpcluster.client.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts a leased IPv4 address on the interface and takes it off again, with iproute2's
 * {@code ip}. Not decoration: RENEWING sends the DHCPREQUEST by unicast from the leased address
 * and the server answers to it (RFC 2131 section 4.3.2, ciaddr), so a client whose interface
 * lacks the address cannot renew. Failures are reported on stderr and do not stop the client.
 */
final class AddressConfigurator {
    private final String device;

    AddressConfigurator(String device) {
        this.device = device;
    }

    void add(String address, int prefixLength) {
        run("replace", address + "/" + prefixLength);
    }

    void remove(String address, int prefixLength) {
        run("del", address + "/" + prefixLength);
    }

    private void run(String verb, String cidr) {
        List<String> cmd = new ArrayList<>(List.of(ip(), "-4", "addr", verb, cidr, "dev", device));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("warning: " + String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (IOException e) {
            System.err.println("warning: cannot run " + String.join(" ", cmd) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String ip() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (new java.io.File(dir, "ip").canExecute()) {
                return dir + "/ip";
            }
        }
        return "ip";
    }
}
