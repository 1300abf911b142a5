package org.dhcpcluster.protocol.v4.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * IPv4 addresses: one (4 octets), a list (RFC 2132 uses "minimum length 4, multiple of 4"),
 * or a list of pairs (policy filter and static routes, "minimum length 8, multiple of 8").
 */
enum AddressFormat implements ValueFormat {
    SINGLE(1, false), LIST(1, true), PAIRS(2, true);

    private final int perItem;
    private final boolean many;

    AddressFormat(int addressesPerItem, boolean many) {
        this.perItem = addressesPerItem;
        this.many = many;
    }

    private int itemLength() {
        return 4 * perItem;
    }

    @Override
    public Optional<String> validate(byte[] value) {
        if (!many) {
            return value.length == 4 ? Optional.empty()
                    : Optional.of("an IPv4 address is 4 octets, got " + value.length);
        }
        if (value.length == 0 || value.length % itemLength() != 0) {
            return Optional.of("length must be a non-zero multiple of " + itemLength() + ", got " + value.length);
        }
        return Optional.empty();
    }

    @Override
    public byte[] parseText(String text) {
        List<String> items = many ? TextLists.split(text) : List.of(text.trim());
        byte[] out = new byte[items.size() * itemLength()];
        for (int i = 0; i < items.size(); i++) {
            String[] addresses = items.get(i).trim().split("\\s+");
            if (addresses.length != perItem) {
                throw new IllegalArgumentException("'" + items.get(i) + "' should be " + perItem
                        + (perItem == 1 ? " address" : " addresses separated by a space"));
            }
            for (int j = 0; j < perItem; j++) {
                System.arraycopy(Ipv4.parse(addresses[j]).getAddress(), 0, out, i * itemLength() + 4 * j, 4);
            }
        }
        return out;
    }

    @Override
    public String format(byte[] value) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.length; i += itemLength()) {
            StringBuilder item = new StringBuilder();
            for (int j = 0; j < perItem; j++) {
                if (j > 0) {
                    item.append(' ');
                }
                item.append(Ipv4.fromBytes(value, i + 4 * j).getHostAddress());
            }
            items.add(item.toString());
        }
        return TextLists.join(items);
    }
}
