package org.dhcpcluster.protocol.v4.option;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dhcpcluster.protocol.v4.Ipv4;

/**
 * Option 121, classless static routes (RFC 3442 section 3): per route, a prefix width
 * (0..32), the ceil(width / 8) significant octets of the destination, and a 4-octet router.
 *
 * <p>A destination with bits set beyond its width is rejected both on the wire and in text:
 * clients differ in whether they mask those bits, so such a route means different things to
 * different clients.
 *
 * <p>Text: comma-separated {@code destination/width router}, e.g.
 * {@code 10.0.0.0/8 192.0.2.1, 0.0.0.0/0 192.0.2.1}.
 */
enum ClasslessRoutesFormat implements ValueFormat {
    INSTANCE;

    /** One decoded route: destination as an int (host order), prefix width, router as an int. */
    record Route(int destination, int width, int router) {
    }

    @Override
    public Optional<String> validate(byte[] value) {
        if (value.length < 5) {
            return Optional.of("needs at least one route (5 octets or more), got " + value.length + " octets");
        }
        try {
            read(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public byte[] parseText(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String item : TextLists.split(text)) {
            String[] parts = item.split("\\s+");
            int slash = parts[0].indexOf('/');
            if (parts.length != 2 || slash < 0) {
                throw new IllegalArgumentException("route '" + item + "' should be destination/width router, e.g. 10.0.0.0/8 192.0.2.1");
            }
            int destination = Ipv4.toInt(Ipv4.parse(parts[0].substring(0, slash)));
            int width = (int) IntegerFormat.parseDecimal(parts[0].substring(slash + 1), 0, 32);
            if ((destination & ~mask(width)) != 0) {
                throw new IllegalArgumentException("route '" + item + "': destination has bits set beyond /" + width);
            }
            out.write(width);
            for (int i = 0; i < significantOctets(width); i++) {
                out.write(destination >>> (24 - 8 * i));
            }
            out.write(Ipv4.parse(parts[1]).getAddress(), 0, 4);
        }
        return out.toByteArray();
    }

    @Override
    public String format(byte[] value) {
        List<String> items = new ArrayList<>();
        for (Route r : read(value)) {
            items.add(Ipv4.format(r.destination()) + "/" + r.width() + " " + Ipv4.format(r.router()));
        }
        return TextLists.join(items);
    }

    /**
     * The routes of a value, in order.
     *
     * @throws IllegalArgumentException saying which route is malformed
     */
    static List<Route> read(byte[] value) {
        List<Route> routes = new ArrayList<>();
        int p = 0;
        while (p < value.length) {
            int width = value[p] & 0xFF;
            if (width > 32) {
                throw new IllegalArgumentException("route " + (routes.size() + 1) + " has prefix width " + width + " (max 32)");
            }
            int octets = significantOctets(width);
            if (p + 1 + octets + 4 > value.length) {
                throw new IllegalArgumentException("route " + (routes.size() + 1) + " (/" + width + ") needs " + (1 + octets + 4)
                        + " octets but only " + (value.length - p) + " remain");
            }
            int destination = 0;
            for (int i = 0; i < octets; i++) {
                destination |= (value[p + 1 + i] & 0xFF) << (24 - 8 * i);
            }
            if ((destination & ~mask(width)) != 0) {
                throw new IllegalArgumentException("route " + (routes.size() + 1) + ": destination "
                        + Ipv4.format(destination) + " has bits set beyond /" + width);
            }
            int r = p + 1 + octets;
            int router = (value[r] & 0xFF) << 24 | (value[r + 1] & 0xFF) << 16 | (value[r + 2] & 0xFF) << 8 | (value[r + 3] & 0xFF);
            routes.add(new Route(destination, width, router));
            p = r + 4;
        }
        return routes;
    }

    private static int significantOctets(int width) {
        return (width + 7) / 8;
    }

    private static int mask(int width) {
        return width == 0 ? 0 : -1 << (32 - width);
    }
}
