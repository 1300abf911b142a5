package org.dhcpcluster.protocol.v4.option;

import java.util.Optional;

/**
 * The three jobs of an option value type: check wire bytes, read configuration text, and
 * render bytes as that same text. One implementation per family of types, so each stays
 * small and testable on its own; {@link OptionType} picks the implementation.
 */
interface ValueFormat {

    /** Empty when {@code value} is well formed for the type; otherwise what is wrong with it. */
    Optional<String> validate(byte[] value);

    /**
     * Reads the configuration text form.
     *
     * @throws IllegalArgumentException saying what part of the text is wrong
     */
    byte[] parseText(String text);

    /** Renders a value {@link #validate} accepted; {@code parseText(format(v))} gives {@code v} back. */
    String format(byte[] value);
}
