package org.therapychat.core.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a therapy session as the research platform assigns it.
 *
 * @param value 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit
 */
public record TherapySessionId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * Checks the id's shape.
     *
     * @param value 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit
     * @throws IllegalArgumentException if {@code value} has another shape
     * @throws NullPointerException if {@code value} is null
     */
    public TherapySessionId {
        Objects.requireNonNull(value, "therapy session id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("therapy session id must be 1-64 letters, digits, '_', '.' or '-'");
        }
    }

    /**
     * Shorthand for the constructor.
     *
     * @param value 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit
     * @return the id
     * @throws IllegalArgumentException if {@code value} has another shape
     */
    public static TherapySessionId of(String value) {
        return new TherapySessionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
