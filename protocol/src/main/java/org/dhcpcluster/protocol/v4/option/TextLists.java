package org.dhcpcluster.protocol.v4.option;

import java.util.ArrayList;
import java.util.List;

/** Splits the comma-separated lists configuration uses for multi-valued options. */
final class TextLists {
    private TextLists() {
    }

    /**
     * The trimmed items of "a, b, c". An empty item ("a,,b" or a trailing comma) is an error
     * rather than skipped, because it usually means a value was deleted by mistake.
     */
    static List<String> split(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("no value given");
        }
        List<String> items = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String item = parts[i].trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("item " + (i + 1) + " of '" + text + "' is empty");
            }
            items.add(item);
        }
        return items;
    }

    static String join(List<String> items) {
        return String.join(", ", items);
    }
}
