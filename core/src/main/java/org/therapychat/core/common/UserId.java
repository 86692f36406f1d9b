package org.therapychat.core.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's id as the research platform assigns it, e.g. {@code P123} or {@code 123XYZ}.
 * Ordered by its text.
 *
 * @param value 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit
 */
public record UserId(String value) implements Comparable<UserId> {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * Checks the id's shape.
     *
     * @param value 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit
     * @throws IllegalArgumentException if {@code value} has another shape
     * @throws NullPointerException if {@code value} is null
     */
    public UserId {
        Objects.requireNonNull(value, "user id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("user id must be 1-64 letters, digits, '_', '.' or '-'");
        }
    }

    /**
     * Shorthand for the constructor.
     *
     * @param value 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit
     * @return the id
     * @throws IllegalArgumentException if {@code value} has another shape
     */
    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
