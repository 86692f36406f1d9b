package org.therapychat.core.therapy;

import java.util.Locale;

/** In order: a session only ever moves forward through these. */
public enum SessionStatus {
    /** Planned; no therapist has entered yet. */
    SCHEDULED,
    /** A therapist has entered: the chat is running. */
    OPEN,
    /** Ended by a therapist or staff: no further chat actions. */
    ENDED;

    /**
     * The name clients read.
     *
     * @return {@code scheduled}, {@code open} or {@code ended}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a session in this status may move to {@code next}.
     *
     * @param next the proposed status
     * @return {@code true} if {@code next} comes later
     */
    public boolean precedes(SessionStatus next) {
        return compareTo(next) < 0;
    }
}
