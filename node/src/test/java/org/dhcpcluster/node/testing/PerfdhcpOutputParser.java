package org.dhcpcluster.node.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text report of ISC perfdhcp (Kea 2.x) into a {@link PerfdhcpReport}. The format is
 * "key: value" lines grouped under "***Statistics for: NAME***" headers. When nothing was
 * received, perfdhcp prints garbled delay lines ("min delay: inf ms", "avg delay: min delay:
 * n/a"), so a key's last occurrence wins and any value that is not a finite number reads as NaN.
 */
public final class PerfdhcpOutputParser {
    private static final Pattern RUNNING = Pattern.compile("^Running: (.*)$");
    private static final Pattern RATE = Pattern.compile("^Rate: (\\S+)");
    private static final Pattern SECTION = Pattern.compile("^\\*\\*\\*Statistics for: (.+?)\\*\\*\\*\\s*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([a-z][a-z ]*): (.*)$");
    private static final Pattern TOOK = Pattern.compile("^It took (\\d+):(\\d+):(\\d+(?:\\.\\d+)?) to provision (\\d+) clients");

    private PerfdhcpOutputParser() {
    }

    /** Parses perfdhcp's output; throws {@link IllegalArgumentException} if it holds no statistics. */
    public static PerfdhcpReport parse(String output) {
        String command = "";
        double rate = Double.NaN;
        Map<String, PerfdhcpReport.Exchange> exchanges = new LinkedHashMap<>();
        Optional<Duration> took = Optional.empty();
        OptionalInt provisioned = OptionalInt.empty();
        String section = null;
        Map<String, String> values = new HashMap<>();

        for (String rawLine : output.split("\\R")) {
            String line = rawLine.strip();
            Matcher m;
            if ((m = SECTION.matcher(line)).matches()) {
                finish(section, values, exchanges);
                section = m.group(1).strip();
                values.clear();
            } else if (line.startsWith("***")) {
                // another block (rate, malformed packets...) ends the statistics section
                finish(section, values, exchanges);
                section = null;
                values.clear();
            } else if ((m = TOOK.matcher(line)).find()) {
                finish(section, values, exchanges);
                section = null;
                values.clear();
                long nanos = Math.round((Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60
                        + Double.parseDouble(m.group(3))) * 1e9);
                took = Optional.of(Duration.ofNanos(nanos));
                provisioned = OptionalInt.of(Integer.parseInt(m.group(4)));
            } else if ((m = RUNNING.matcher(line)).matches()) {
                command = m.group(1);
            } else if ((m = RATE.matcher(line)).find()) {
                rate = number(m.group(1));
            } else if (section != null && (m = KEY_VALUE.matcher(line)).matches()) {
                values.put(m.group(1), m.group(2).strip());
            }
        }
        finish(section, values, exchanges);
        if (exchanges.isEmpty()) {
            throw new IllegalArgumentException("no perfdhcp statistics found in output:\n" + output);
        }
        return new PerfdhcpReport(command, rate, exchanges, took, provisioned, output);
    }

    private static void finish(String section, Map<String, String> v, Map<String, PerfdhcpReport.Exchange> into) {
        if (section == null) {
            return;
        }
        into.put(section, new PerfdhcpReport.Exchange(section, count(v, "sent packets"), count(v, "received packets"),
                count(v, "drops"), number(v.get("min delay")), number(v.get("avg delay")), number(v.get("max delay"))));
    }

    private static long count(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || !s.matches("\\d+")) {
            throw new IllegalArgumentException("perfdhcp statistics without a numeric '" + key + "': " + v);
        }
        return Long.parseLong(s);
    }

    /** "0.460 ms" -> 0.46; "n/a", "inf ms", "-nan %" or missing -> NaN. */
    static double number(String value) {
        if (value == null) {
            return Double.NaN;
        }
        String s = value.replaceFirst("\\s*(ms|%)$", "").strip();
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
