package org.dhcpcluster.node.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.dhcpcluster.node.NodeRuntime;
import org.dhcpcluster.node.support.ManagementToken;

/**
 * Calls on a running node's management HTTP as Kubernetes makes them: probes GET the open
 * endpoints, the preStop hook POSTs /leave with the management token.
 */
final class ManagementCalls {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ManagementCalls() {
    }

    static HttpResponse<String> get(NodeRuntime node, String path) {
        return send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(60)).build());
    }

    /** POST with the token: what {@code dhcp-node leave} sends. */
    static HttpResponse<String> postAuthorized(NodeRuntime node, String path) {
        return send(ManagementToken.request(uri(node, path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static URI uri(NodeRuntime node, String path) {
        return URI.create("http://127.0.0.1:" + node.management().address().getPort() + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
