package org.dhcpcluster.node.http;

import java.util.Map;

/** A protected route's answer: HTTP status and a body to write as JSON. */
public record JsonReply(int status, Object body) {
    public static JsonReply ok(Object body) {
        return new JsonReply(200, body);
    }

    public static JsonReply error(int status, String message) {
        return new JsonReply(status, Map.of("error", message));
    }
}
