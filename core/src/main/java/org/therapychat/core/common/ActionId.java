package org.therapychat.core.common;

/** A server-assigned action id; ids grow in commit order within one deployment. */
public record ActionId(long value) implements Comparable<ActionId> {
    public ActionId {
        if (value <= 0) {
            throw new IllegalArgumentException("action id must be positive");
        }
    }

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
