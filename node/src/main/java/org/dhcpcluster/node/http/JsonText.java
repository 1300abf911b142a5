package org.dhcpcluster.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/**
 * The management API's JSON, written by Jackson: maps, lists, strings, numbers, booleans,
 * nulls, and times as ISO-8601 text. Whatever a client put in a host name or a client id
 * (control characters, quotes, characters outside the BMP) comes out as valid JSON.
 */
public final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("iso-times").addSerializer(Instant.class, ToStringSerializer.instance));

    private JsonText() {
    }

    /** The value as one line of JSON, newline-terminated (what curl users expect at a prompt). */
    public static String of(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            // Only maps, lists and scalars are written here: this is a programming error.
            throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
