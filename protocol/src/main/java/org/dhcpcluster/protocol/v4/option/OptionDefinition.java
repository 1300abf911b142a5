package org.dhcpcluster.protocol.v4.option;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of the option table: code, Kea-style name, value type, and any constraint the
 * option's RFC adds to the type.
 */
public record OptionDefinition(int code, String name, OptionType type, ValueRule rule) {

    public OptionDefinition {
        if (code <= 0 || code >= 255) {
            throw new IllegalArgumentException("option code must be 1..254: " + code);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("option " + code + " needs a name");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
    }

    /** A definition whose type says everything about valid values. */
    public OptionDefinition(int code, String name, OptionType type) {
        this(code, name, type, ValueRule.NONE);
    }

    /** Empty when {@code value} is valid for this option; otherwise a sentence saying why not. */
    public Optional<String> validate(byte[] value) {
        if (value.length == 0 && rule.allowsEmpty()) {
            return Optional.empty();
        }
        Optional<String> problem = type.validate(value);
        return problem.isPresent() ? problem : rule.check(value);
    }

    /**
     * Reads the configuration text of this option into wire bytes.
     *
     * @throws IllegalArgumentException whose message names the option and what is wrong
     */
    public byte[] parseText(String text) {
        try {
            if (text != null && text.isBlank() && rule.allowsEmpty()) {
                return new byte[0];
            }
            byte[] value = type.parseText(text);
            Optional<String> problem = rule.check(value);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + code + " (" + name + "): " + e.getMessage(), e);
        }
    }

    /** The text {@link #parseText} reads; colon hex for a value the option rejects, so logging never fails. */
    public String format(byte[] value) {
        if (value.length == 0 && rule.allowsEmpty()) {
            return "";
        }
        return type.format(value);
    }
}
