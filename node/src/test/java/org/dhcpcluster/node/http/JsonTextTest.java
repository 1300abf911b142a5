package org.dhcpcluster.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What clients put in host names and client ids ends up in the API's JSON: control characters,
 * quotes, backslashes, line separators and characters outside the BMP must come out as JSON a
 * parser reads back to the same text.
 */
class JsonTextTest {
    private static final ObjectMapper PARSER = new ObjectMapper();

    @Test
    void hostileStringsComeBackUnchangedFromValidJson() throws Exception {
        List<String> hostile = List.of("nul\u0000bell\u0007del\u007f", "quote\"back\\slash/", "tab\tnewline\nreturn\r",
                "line\u2028paragraph\u2029", "emoji \uD83D\uDE00 and \uD834\uDD1E clef", "lone surrogate? no: \uD83D\uDE4F",
                "\u001b[31mterminal escape", "</script><!--");
        Map<String, Object> lease = new LinkedHashMap<>();
        lease.put("address", "192.0.2.7");
        for (int i = 0; i < hostile.size(); i++) {
            lease.put("hostname-" + i, hostile.get(i));
        }
        lease.put("client-id\u0001\"", "key too");
        String json = JsonText.of(Map.of("leases", List.of(lease), "next", "x"));

        assertTrue(json.endsWith("}\n") && json.indexOf('\n') == json.length() - 1, "one line: " + json);
        Map<String, Object> back = PARSER.readValue(json, new TypeReference<>() { });
        assertEquals(List.of(lease), back.get("leases"));
        assertEquals("x", back.get("next"));
    }

    @Test
    void timesAreIso8601AndNullsAndNumbersStayTyped() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("expires", Instant.parse("2026-11-29T10:15:00Z"));
        row.put("next", null);
        row.put("lag", 42L);
        row.put("caught_up", true);
        assertEquals("{\"expires\":\"2026-11-29T10:15:00Z\",\"next\":null,\"lag\":42,\"caught_up\":true}\n", JsonText.of(row));
    }
}
