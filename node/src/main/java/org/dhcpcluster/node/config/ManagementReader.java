package org.dhcpcluster.node.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.node.http.BearerToken;

/**
 * Reads {@code dhcp.management}: where the management HTTP API listens and which bearer token
 * it requires. Addresses must be IP literals (a host name could resolve to the client LAN);
 * the token file must hold a usable token now, or the node would start unreachable.
 */
final class ManagementReader {
    private ManagementReader() {
    }

    static NodeConfig.Management read(Section mgmt) {
        mgmt.allowOnly("host", "hosts", "port", "token-file");
        if (mgmt.has("host") && mgmt.has("hosts")) {
            throw mgmt.error("hosts", "cannot be combined with host: list every address under hosts");
        }
        List<String> hosts = mgmt.has("hosts") ? mgmt.strings("hosts") : List.of(mgmt.string("host", "127.0.0.1"));
        String key = mgmt.has("hosts") ? "hosts" : "host";
        if (hosts.isEmpty()) {
            throw mgmt.error(key, "needs at least one address (127.0.0.1 to keep the API on this machine)");
        }
        if (hosts.stream().distinct().count() != hosts.size()) {
            throw mgmt.error(key, "lists an address twice: " + hosts);
        }
        hosts.forEach(h -> mgmt.parse(key, h, ManagementReader::ipLiteral));
        int port = mgmt.integer("port", 0, 65535, 8067);
        Optional<Path> tokenFile = mgmt.optionalString("token-file").map(Path::of);
        tokenFile.ifPresent(f -> checkToken(mgmt, f));
        return new NodeConfig.Management(hosts, port, tokenFile);
    }

    private static InetAddress ipLiteral(String text) {
        // Only literals: InetAddress.getByName would resolve a name through DNS.
        if (!text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("not an IP address literal (a name could resolve to the client LAN)");
        }
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address: " + e.getMessage());
        }
    }

    private static void checkToken(Section mgmt, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw mgmt.error("token-file", "cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        // The message never quotes the file: it would print the secret.
        BearerToken.problemWith(text).ifPresent(p -> {
            throw mgmt.error("token-file", file + " " + p);
        });
    }
}
