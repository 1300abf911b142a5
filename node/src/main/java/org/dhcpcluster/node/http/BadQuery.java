package org.dhcpcluster.node.http;

/** A query parameter the API cannot use: answered 400 with a message naming the parameter and the problem. */
final class BadQuery extends RuntimeException {
    BadQuery(String parameter, String problem) {
        super("parameter '" + parameter + "': " + problem);
    }
}
