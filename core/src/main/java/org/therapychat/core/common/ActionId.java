package org.therapychat.core.common;

/**
 * A server-assigned action id; ids grow in commit order within one deployment, so a poller that
 * passes back the greatest id it saw misses nothing (SPEC §3).
 *
 * @param value the id, at least 1
 */
public record ActionId(long value) implements Comparable<ActionId> {
    /**
     * Checks the id.
     *
     * @param value the id, at least 1
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public ActionId {
        if (value <= 0) {
            throw new IllegalArgumentException("action id must be positive");
        }
    }

    /**
     * Shorthand for the constructor.
     *
     * @param value the id, at least 1
     * @return the id
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public static ActionId of(long value) {
        return new ActionId(value);
    }

    @Override
    public int compareTo(ActionId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
