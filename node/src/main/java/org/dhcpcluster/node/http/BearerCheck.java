package org.dhcpcluster.node.http;

import java.util.Locale;
import java.util.Optional;

/**
 * What an {@code Authorization} header (RFC 6750 section 2.1) says about a request to a
 * protected route: nothing (401), something that is not bearer credentials (401, invalid_request),
 * a token that is not ours (403), or ours.
 */
enum BearerCheck {
    MISSING, MALFORMED, WRONG, GRANTED;

    static BearerCheck of(Optional<String> authorization, BearerToken token) {
        if (authorization.isEmpty()) {
            return MISSING;
        }
        String value = authorization.get().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return MALFORMED;
        }
        String presented = value.substring(space + 1).strip();
        if (!BearerToken.B64TOKEN.matcher(presented).matches()) {
            return MALFORMED;
        }
        return token.matches(presented) ? GRANTED : WRONG;
    }
}
