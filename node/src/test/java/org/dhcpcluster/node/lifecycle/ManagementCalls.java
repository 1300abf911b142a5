package org.dhcpcluster.node.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.dhcpcluster.node.NodeRuntime;

/** GETs against a running node's management HTTP, as a kubelet probe or preStop hook sends them. */
final class ManagementCalls {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ManagementCalls() {
    }

    static HttpResponse<String> get(NodeRuntime node, String path) {
        URI uri = URI.create("http://127.0.0.1:" + node.management().address().getPort() + path);
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
